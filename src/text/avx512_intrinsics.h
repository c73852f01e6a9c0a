// <immintrin.h> for the .cc files whose loops use AVX-512 intrinsics, in
// functions built for AVX-512 (__attribute__((target(...)))) and chosen at run
// time (cpu_features.h). Defines NEWSCLEAN_AVX512_INTRINSICS where the
// compiler can build them (x86-64, GCC or clang).
//
// Include it from .cc files only: under GCC it turns off -Wuninitialized and
// -Wmaybe-uninitialized for the rest of the file, which GCC 12 reports at
// every call of an AVX-512 intrinsic (they start from an undefined vector).
#ifndef NEWSCLEAN_SRC_TEXT_AVX512_INTRINSICS_H_
#define NEWSCLEAN_SRC_TEXT_AVX512_INTRINSICS_H_

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define NEWSCLEAN_AVX512_INTRINSICS 1
#if !defined(__clang__)
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#endif

#endif  // NEWSCLEAN_SRC_TEXT_AVX512_INTRINSICS_H_
