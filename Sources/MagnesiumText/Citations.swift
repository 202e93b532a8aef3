/// Citation markers in answer text: `[1]`, `[2, 3]`. The one scanner behind renumbering a
/// merged answer's sources, colouring markers on a terminal and keeping a marker whole when
/// lines are wrapped.
public enum Citations {
    /// A marker found in a text: where it is (brackets included) and the numbers it cites.
    public struct Marker {
        public var range: Range<Substring.Index>
        public var numbers: [Int]
    }

    /// The source numbers inside one marker's brackets ("2, 3"), or nil when the brackets hold
    /// anything but comma-separated whole numbers.
    public static func numbers(inside: Substring) -> [Int]? {
        let parts = inside.split(separator: ",", omittingEmptySubsequences: false)
        var numbers: [Int] = []
        for part in parts {
            guard let number = Int(part.trimmed), number >= 0 else { return nil }
            numbers.append(number)
        }
        return numbers.isEmpty ? nil : numbers
    }

    /// Every marker in `text`, in order. A `[` whose brackets hold something else is plain text.
    public static func markers(in text: Substring) -> [Marker] {
        var found: [Marker] = []
        var rest = text
        while let open = rest.firstIndex(of: "[") {
            guard let close = rest[open...].firstIndex(of: "]") else { break }
            if let numbers = numbers(inside: rest[rest.index(after: open)..<close]) {
                found.append(Marker(range: open..<rest.index(after: close), numbers: numbers))
                rest = rest[rest.index(after: close)...]
            } else {
                rest = rest[rest.index(after: open)...]
            }
        }
        return found
    }

    /// The text with each marker replaced by what `transform` makes of it.
    public static func replacingMarkers(in text: String, _ transform: (Marker, Substring) -> String)
        -> String
    {
        let whole = text[...]
        var out = ""
        var start = whole.startIndex
        for marker in markers(in: whole) {
            out += whole[start..<marker.range.lowerBound]
            out += transform(marker, whole[marker.range])
            start = marker.range.upperBound
        }
        return out + whole[start...]
    }
}
