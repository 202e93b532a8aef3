import Foundation

/// Whether `text` contains `part`, as Foundation's `contains` answers it. Printable ASCII texts are
/// searched byte by byte; anything else goes to Foundation, which compares characters its own way
/// and cost more than the rest of a comparison answer.
package func textContains(_ text: String, _ part: String) -> Bool {
    let haystack = Array(text.utf8)
    let needle = Array(part.utf8)
    guard haystack.allSatisfy({ (0x20..<0x7F).contains($0) }),
        needle.allSatisfy({ (0x20..<0x7F).contains($0) })
    else { return text.contains(part) }
    if needle.isEmpty { return text.contains(part) }
    guard needle.count <= haystack.count else { return false }
    for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
        if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
    }
    return false
}
