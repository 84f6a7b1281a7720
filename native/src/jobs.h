// Long-running work started from JavaScript: each job runs on the addon's own threads (never the
// JS thread, never the libuv pool that every extension's file I/O shares) and reports back
// through a Napi::ThreadSafeFunction.
#pragma once

#include <napi.h>

#include <memory>

#include "filter/filter_result.h"
#include "mapped_file.h"
#include "search/matcher.h"
#include "search/subject.h"

namespace lfe {

// file.search(query, options, onEvent) -> { cancel() }, and the same on an edited document. See
// search_job.cc. `keep_alive` (may be empty): a JS object the subject reads memory of, held until
// the job is over.
Napi::Value StartSearch(const Napi::CallbackInfo& info, std::shared_ptr<const Subject> subject,
                        Napi::Object keep_alive = Napi::Object());

// file.filter(program, options, onEvent) -> filter handle, and the same on an edited document
// (`document`: its JS object, which the handle holds). See filter_job.cc.
Napi::Value StartFilter(const Napi::CallbackInfo& info, FilterSubject subject, Napi::Object document = Napi::Object());

// file.indexLines(options, onEvent) -> index object. See line_index_job.cc.
Napi::Value StartLineIndex(const Napi::CallbackInfo& info, const std::shared_ptr<MappedFile>& file);

}  // namespace lfe
