// Typed engine errors. Every failure the engine reports carries a stable `code` (ENOENT,
// EFILECHANGED, ...) so the host can react without parsing messages. The codes form one closed
// list, each with its meaning, in extension/errorCodes.ts; a unit test checks that every code
// these sources name is in it. EINTERNAL is a bug of ours, never the user's input or the file's.
#pragma once

#include <stdexcept>
#include <string>

namespace lfe {

class EngineError : public std::runtime_error {
 public:
  EngineError(std::string code, const std::string& message)
      : std::runtime_error(message), code_(std::move(code)) {}
  const std::string& code() const { return code_; }

 private:
  std::string code_;
};

// Builds an EngineError from an errno value: the code is the errno's symbolic name and the
// message names the operation and the file. An errno without a name here is EIO, its number
// and the system's text in the message.
EngineError ErrnoError(int err, const std::string& what, const std::string& path);

// A bug: an invariant that does not hold, or an exception nobody gave a code (EINTERNAL).
EngineError InternalError(const std::string& what);

// The exception being handled (call it only inside a catch block) as an EngineError: an
// EngineError as it is, std::bad_alloc as ENOMEM, anything else EINTERNAL with its message.
EngineError CurrentError();

}  // namespace lfe
