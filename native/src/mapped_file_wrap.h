// The JavaScript face of a MappedFile: `new MappedFile(path, access)`, access 'read' or 'write'.
#pragma once

#include <napi.h>

#include <memory>

#include "mapped_file.h"

namespace lfe {

class MappedFileWrap : public Napi::ObjectWrap<MappedFileWrap> {
 public:
  static Napi::Function Define(Napi::Env env);
  explicit MappedFileWrap(const Napi::CallbackInfo& info);

  // The file behind a JS MappedFile (for objects built over one, like an edited document).
  // Throws EINVAL for anything else, ECLOSED once it was closed.
  static std::shared_ptr<MappedFile> FileOf(const Napi::Value& value);

 private:
  Napi::Value Size(const Napi::CallbackInfo& info);
  Napi::Value Access(const Napi::CallbackInfo& info);
  Napi::Value Path(const Napi::CallbackInfo& info);
  Napi::Value Closed(const Napi::CallbackInfo& info);
  Napi::Value Read(const Napi::CallbackInfo& info);
  Napi::Value ReadInto(const Napi::CallbackInfo& info);
  Napi::Value Write(const Napi::CallbackInfo& info);
  Napi::Value Flush(const Napi::CallbackInfo& info);
  Napi::Value ReadRanges(const Napi::CallbackInfo& info);
  Napi::Value WriteRanges(const Napi::CallbackInfo& info);
  Napi::Value Close(const Napi::CallbackInfo& info);
  Napi::Value Search(const Napi::CallbackInfo& info);
  Napi::Value IndexLines(const Napi::CallbackInfo& info);
  Napi::Value Filter(const Napi::CallbackInfo& info);

  // Throws ECLOSED once close() has run.
  const std::shared_ptr<MappedFile>& Open(Napi::Env env);

  // Reset by close(); the destructor (the finalizer) releases it if close() was forgotten. Jobs
  // still running hold their own reference, so the unmap waits for them (they stop promptly).
  std::shared_ptr<MappedFile> file_;
};

}  // namespace lfe
