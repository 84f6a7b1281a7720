// The JavaScript face of an edited document:
//   new Document(file, blocks, blockBytes, chunks, chunkStarts, chunkUsed)
// `file` is the base MappedFile; `blocks` the piece table's packed blocks (Uint8Array each) and
// `blockBytes` (Float64Array) the document bytes each covers; `chunks` the add buffer's chunks
// (Uint8Array each), `chunkStarts` / `chunkUsed` (Float64Array) their add-buffer offsets and the
// bytes written in them. Nothing is copied: the engine reads those arrays where they are, and
// this object holds them (its own array of them, which no JavaScript code can change) so they
// stay alive and unmoved for as long as it, or a search started from it, may read them. The
// journal never changes a block and only appends to its chunks, so the object is a snapshot of the
// document when it was made.
//
//   document.size, document.read(offset, length) -> Buffer (a copy, as file.read),
//   document.search(query, options, onEvent)   (as file.search; see search_job.cc)
//   document.filter(program, options, onEvent)  (as file.filter; see filter_job.cc)
// A document whose file was closed throws ECLOSED. Also exported for the codec's differential
// test: decodePieces(block: Uint8Array) -> Float64Array of [start, length] pairs, starts encoded
// as in extension/edits/pieces.ts (add-buffer pieces negative).
#pragma once

#include <napi.h>

#include <memory>

#include "document/document_pieces.h"
#include "document/document_subject.h"
#include "mapped_file.h"

namespace lfe {

class DocumentWrap : public Napi::ObjectWrap<DocumentWrap> {
 public:
  static Napi::Function Define(Napi::Env env);
  explicit DocumentWrap(const Napi::CallbackInfo& info);

  // The edited document behind a JS Document, for operations other than search (time in logs):
  // EINVAL for anything else, ECLOSED once its file was closed.
  static std::shared_ptr<const DocumentSubject> SubjectOf(const Napi::Value& value);
  static bool IsDocument(const Napi::Value& value);

 private:
  Napi::Value Size(const Napi::CallbackInfo& info);
  Napi::Value Read(const Napi::CallbackInfo& info);
  Napi::Value Search(const Napi::CallbackInfo& info);
  Napi::Value Filter(const Napi::CallbackInfo& info);

  // The document over its file, for one read or search; ECLOSED once the file is closed.
  std::shared_ptr<const DocumentSubject> Subject(Napi::Env env) const;

  // Weak: a document left for the garbage collector must not keep the file mapped after close().
  std::weak_ptr<const MappedFile> base_;
  std::shared_ptr<const DocumentPieces> pieces_;
  Napi::ObjectReference pinned_;  // the arrays pieces_ points into
};

// decodePieces(block): see above.
Napi::Value DecodePieces(const Napi::CallbackInfo& info);

}  // namespace lfe
