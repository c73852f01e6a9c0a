// What this CPU can run, checked once at first use: the vector paths that the
// hot loops choose at run time (the build itself targets baseline x86-64).
// False on other architectures and compilers, whose builds have no such paths.
#ifndef NEWSCLEAN_SRC_TEXT_CPU_FEATURES_H_
#define NEWSCLEAN_SRC_TEXT_CPU_FEATURES_H_

namespace newsclean {

// AVX2 (the separator scan).
bool CpuHasAvx2();

// AVX-512 F, DQ and BW (the shingle hashes of MinHash and of the paragraph
// sketches).
bool CpuHasAvx512();

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_TEXT_CPU_FEATURES_H_
