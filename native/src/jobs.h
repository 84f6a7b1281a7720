// Long-running work started from JavaScript: each job runs on the addon's own threads (never the
// JS thread, never the libuv pool that every extension's file I/O shares) and reports back
// through a Napi::ThreadSafeFunction.
#pragma once

#include <napi.h>

#include <memory>

#include "mapped_file.h"

namespace lfe {

// file.search(query, options, onEvent) -> { cancel() }. See search_job.cc.
Napi::Value StartSearch(const Napi::CallbackInfo& info, const std::shared_ptr<MappedFile>& file);

// file.indexLines(options, onEvent) -> index object. See line_index_job.cc.
Napi::Value StartLineIndex(const Napi::CallbackInfo& info, const std::shared_ptr<MappedFile>& file);

}  // namespace lfe
