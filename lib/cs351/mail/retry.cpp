#include "cs351/mail/retry.h"

#include "cs351/core/http_client.h"
#include "cs351/mail/ses_client.h"

namespace cs351::mail {

bool is_retryable(const std::exception& e) {
  if (dynamic_cast<const HttpTransportError*>(&e) != nullptr) return true;
  if (const auto* ses = dynamic_cast<const SesError*>(&e))
    return ses->kind() != SesFailure::permanent;
  return false;
}

}  // namespace cs351::mail
