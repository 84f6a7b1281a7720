// Time in logs from JavaScript: the addon's `time` object (see time_job.cc).
#pragma once

#include <napi.h>

namespace lfe {

// { detect, at, parse, goto, histogram } over a MappedFile or an edited Document.
Napi::Object DefineTime(Napi::Env env);

}  // namespace lfe
