import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumText
import MagnesiumTranscripts
import MagnesiumUnderstanding

/// What Tab offers: command names at the start of a line (all of them on an empty line),
/// command names after `:help`, file names after `:save`, and topic names anywhere in a
/// question, multi-word names included ("night le" becomes "night leg cramps").
struct Completer: Sendable {
    enum Result: Equatable {
        /// Texts to put in place of the word being completed, and whether a space follows
        /// a unique match.
        case replacements([String], appendSpace: Bool)
        /// Let libedit complete file names.
        case fileNames
        case nothing
    }

    let commands: [String]
    let topics: [String]

    /// Completions for `typed`, the line up to the cursor. `wordStart` is where libedit's
    /// current word begins, counted in Unicode scalars (libedit counts wide characters);
    /// a replacement stands for the text from there to the cursor.
    func complete(_ typed: String, wordStart: Int) -> Result {
        let scalars = Array(typed.unicodeScalars)
        let wordStart = min(max(0, wordStart), scalars.count)
        let leadingSpaces = scalars.prefix { $0 == " " }.count
        if leadingSpaces == scalars.count { return .replacements(commands, appendSpace: true) }
        guard wordStart >= leadingSpaces else { return .nothing }
        if scalars[leadingSpaces] == ":" {
            let nameEnd = scalars[leadingSpaces...].firstIndex(of: " ") ?? scalars.count
            if nameEnd == scalars.count {
                return replacing(
                    scalars, from: leadingSpaces, wordStart: wordStart, among: commands,
                    appendSpace: true)
            }
            let name = String(String.UnicodeScalarView(scalars[leadingSpaces..<nameEnd]))
            switch Session.command(named: name)?.name {
            case ":help":
                // One argument, a command name with or without its colon.
                guard wordStart > nameEnd, scalars[nameEnd..<wordStart].allSatisfy({ $0 == " " }),
                    !scalars[wordStart...].contains(" ")
                else { return .nothing }
                let names =
                    scalars[wordStart...].first == ":"
                    ? commands : commands.map { String($0.dropFirst()) }
                return replacing(
                    scalars, from: wordStart, wordStart: wordStart, among: names, appendSpace: false
                )
            case ":save":
                return .fileNames
            default:
                return .nothing
            }
        }
        // A question: the longest tail of the line, starting at a word, that begins a topic name.
        let starts =
            (leadingSpaces...wordStart).filter { $0 == leadingSpaces || scalars[$0 - 1] == " " } + [
                wordStart
            ]
        for start in starts {
            let result = replacing(
                scalars, from: start, wordStart: wordStart, among: topics, appendSpace: false)
            if result != .nothing { return result }
        }
        return .nothing
    }

    /// The names that begin with the text from `start` to the cursor (ignoring case), each
    /// without the part typed before `wordStart`, which libedit leaves in place.
    private func replacing(
        _ scalars: [Unicode.Scalar], from start: Int, wordStart: Int, among names: [String],
        appendSpace: Bool
    ) -> Result {
        guard start < scalars.count else { return .nothing }
        let phrase = String(String.UnicodeScalarView(scalars[start...])).lowercased()
        let matches = names.filter { $0.lowercased().hasPrefix(phrase) }
        guard !matches.isEmpty else { return .nothing }
        let kept = wordStart - start
        return .replacements(
            matches.map { String(String.UnicodeScalarView($0.unicodeScalars.dropFirst(kept))) },
            appendSpace: appendSpace)
    }

    /// What to put in place of the word when several replacements fit: their longest
    /// common beginning, unless that would drop or re-case what was typed (then the word as typed).
    static func commonText(of replacements: [String], typedWord: String) -> String {
        guard var common = replacements.first.map(Array.init) else { return typedWord }
        for replacement in replacements.dropFirst() {
            let other = Array(replacement)
            var length = 0
            while length < min(common.count, other.count), common[length] == other[length] {
                length += 1
            }
            common.removeSubrange(length...)
        }
        let text = String(common)
        return text.lowercased().hasPrefix(typedWord.lowercased()) ? text : typedWord
    }
}
