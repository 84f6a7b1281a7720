// Typed engine errors. Every failure the engine reports carries a stable `code` (ENOENT,
// EFILECHANGED, ...) so the host can react without parsing messages.
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
// message names the operation and the file.
EngineError ErrnoError(int err, const std::string& what, const std::string& path);

}  // namespace lfe
