// PyFingerprints: the fingerprints of a batch of documents as the Python
// module holds them (newsclean.Fingerprints), with each text's length in
// bytes, the preference of keep="longest".
#ifndef NEWSCLEAN_PYTHON_FINGERPRINTS_H_
#define NEWSCLEAN_PYTHON_FINGERPRINTS_H_

#include <cstdint>
#include <vector>

#include "newsclean/dedup.h"

namespace newsclean::python {

struct PyFingerprints {
  std::vector<Fingerprint> fps;
  std::vector<uint64_t> text_bytes;
};

}  // namespace newsclean::python

#endif  // NEWSCLEAN_PYTHON_FINGERPRINTS_H_
