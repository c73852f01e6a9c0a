// Mojibake: text decoded with the wrong encoding.
//
//  - UTF-8 read as Latin-1 or Windows-1252 ("ä¸­å›½" for 中国): a run of
//    characters from U+0080-U+00FF and the cp1252 specials whose bytes,
//    mapped back through cp1252, form valid UTF-8 holding at least one
//    multi-byte character. Plain Latin text ("café", "naïve") maps back to
//    invalid UTF-8 and is not flagged.
//  - GBK (or another legacy CJK encoding) read as UTF-8: replacement
//    characters U+FFFD, where at least 3 of them make up at least 0.5% of the
//    text, or runs of 3 or more characters from CJK extension A (rare
//    characters that stray bytes decode to) in text that is mostly Han.
#ifndef NEWSCLEAN_SRC_CHECK_MOJIBAKE_H_
#define NEWSCLEAN_SRC_CHECK_MOJIBAKE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace newsclean {

struct MojibakeSpan {
  size_t begin = 0;  // byte span in the text
  size_t end = 0;
  std::string kind;     // "utf8-as-latin1", "replacement-characters", "rare-character-run"
  std::string decoded;  // for utf8-as-latin1: what the bytes say when read as UTF-8
};

// Returns the mojibake found in valid UTF-8 `text` (empty when none).
std::vector<MojibakeSpan> FindMojibake(std::string_view text);

}  // namespace newsclean

#endif  // NEWSCLEAN_SRC_CHECK_MOJIBAKE_H_
