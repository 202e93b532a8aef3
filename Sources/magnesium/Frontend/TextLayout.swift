import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumText
import MagnesiumTranscripts
import MagnesiumUnderstanding

/// Laying text out for a terminal: measuring columns and wrapping at word boundaries.
/// (Control characters are made safe by ``SafeText`` first.)
enum TextLayout {
    /// Columns the text takes on a terminal: wide (East Asian, emoji) characters take two,
    /// combining marks none. The text must hold no escape sequences.
    static func columns(_ text: some StringProtocol) -> Int {
        // Printable ASCII, nearly every answer, takes a column a byte; looking up each
        // character's Unicode properties made laying out the first answer a tenth of a start.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        return text.reduce(0) { $0 + columns(of: $1) }
    }

    private static func columns(of character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        if character.unicodeScalars.contains("\u{FE0F}") || first.properties.isEmojiPresentation {
            return 2
        }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        switch first.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// Wraps every line of the text to `width` columns, breaking only at spaces: a word
    /// longer than a line, such as a source's address, stays whole on a line of its own,
    /// and a citation such as `[1, 2]` is never split. Continuation lines of a list item
    /// (`- `) or a numbered note (`[3] `) are indented under its text. A width of zero or
    /// less leaves the text as it is.
    static func wrap(_ text: String, width: Int) -> String {
        guard width > 0 else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .flatMap { wrapLine($0, width: width) }
            .joined(separator: "\n")
    }

    private static func wrapLine(_ line: Substring, width: Int) -> [String] {
        if columns(line) <= width { return [String(line)] }
        let leading = String(line.prefix { $0 == " " })
        let words = unbreakableWords(line.dropFirst(leading.count))
        guard let first = words.first else { return [String(line)] }
        var indent = hangingIndent(leading + first, followedBy: words.dropFirst().first)
        if indent > width / 2 { indent = 0 }
        var lines: [String] = []
        var current = leading + first
        var currentColumns = columns(current)
        for word in words.dropFirst() {
            let wordColumns = columns(word)
            if currentColumns + 1 + wordColumns <= width {
                current += " " + word
                currentColumns += 1 + wordColumns
            } else {
                lines.append(current)
                current = String(repeating: " ", count: indent) + word
                currentColumns = indent + wordColumns
            }
        }
        lines.append(current)
        return lines
    }

    /// The line's words, with a citation such as `[1, 2]` kept whole and on the same line
    /// as the word before it.
    private static func unbreakableWords(_ text: Substring) -> [String] {
        let markers = Citations.markers(in: text)
        let markerStarts = Set(markers.map(\.range.lowerBound))
        var words: [String] = []
        var start = text.startIndex
        func addWord(upTo end: Substring.Index) {
            guard start < end else { return }
            let word = String(text[start..<end])
            if markerStarts.contains(start), let last = words.last, !isNote(last) {
                words[words.count - 1] = last + " " + word
            } else {
                words.append(word)
            }
        }
        var index = text.startIndex
        var nextMarker = 0
        while index < text.endIndex {
            if nextMarker < markers.count, markers[nextMarker].range.lowerBound == index {
                // a marker's own spaces never break it
                index = markers[nextMarker].range.upperBound
                nextMarker += 1
                continue
            }
            if text[index] == " " {
                addWord(upTo: index)
                start = text.index(after: index)
            }
            index = text.index(after: index)
        }
        addWord(upTo: text.endIndex)
        return words
    }

    /// `-` or `[3]` at the start of a line: list and note markers, which stay on their own.
    private static func isNote(_ word: String) -> Bool {
        word == "-" || word == "•"
            || (word.hasPrefix("[") && word.hasSuffix("]")
                && word.dropFirst().dropLast().allSatisfy(\.isNumber))
    }

    /// Where continuation lines start: under the text of `- item` and `[n] note` lines.
    private static func hangingIndent(_ firstWord: String, followedBy next: String?) -> Int {
        let leading = firstWord.prefix { $0 == " " }.count
        let word = firstWord.dropFirst(leading)
        if word == "-" || word == "•" { return leading + 2 }
        if word.hasPrefix("["), word.hasSuffix("]"),
            word.dropFirst().dropLast().allSatisfy(\.isNumber)
        {
            return leading + word.count + 1
        }
        return leading
    }

    /// The text cut to `width` columns, ending in "…" when something was cut; at the end of
    /// a word when that keeps at least half the width.
    static func truncated(_ text: String, width: Int) -> String {
        guard width > 0, columns(text) > width else { return text }
        var out = ""
        var used = 0
        var rest = text[...]
        while let character = rest.first, used + columns(of: character) <= width - 1 {
            out.append(character)
            used += columns(of: character)
            rest = rest.dropFirst()
        }
        if rest.first != " ", let space = out.lastIndex(of: " "),
            columns(out[..<space]) >= width / 2
        {
            out = String(out[..<space])
        }
        while out.last == " " { out.removeLast() }
        return out + "…"
    }
}
