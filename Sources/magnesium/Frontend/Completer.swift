import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumText
import MagnesiumTranscripts
import MagnesiumUnderstanding

/// What Tab offers: command names at the start of a line (all of them on an empty line),
/// command names after `:help`, file names after `:save`, and topic names and aliases anywhere
/// in a question, multi-word names included ("night le" becomes "night leg cramps", "omep"
/// "omeprazole"), the likelier first.
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
    /// Topic names and aliases, the likelier first (see ``vocabulary(of:)``): matches are
    /// offered in this order.
    let topics: [String]
    /// Which topic each (lowercased) entry of `topics` names, by index: of several spellings
    /// of one topic that fit what was typed, only the likeliest is offered ("night leg cramps",
    /// not also "night leg cramp").
    var topicOfTerm: [String: Int] = [:]

    /// A completer for a knowledge graph: its commands, and its topics' names and aliases.
    init(commands: [String], graph: Graph) {
        let vocabulary = Self.vocabulary(of: graph)
        self.commands = commands
        self.topics = vocabulary.map(\.text)
        self.topicOfTerm = Dictionary(
            vocabulary.map { ($0.text.lowercased(), $0.topic) },
            uniquingKeysWith: { first, _ in first })
    }

    init(commands: [String], topics: [String]) {
        self.commands = commands
        self.topics = topics
    }

    /// What Tab completes in a question: every topic's name and aliases ("citrate",
    /// "omeprazole"), each once whatever its case, ranked by how likely people are to mean
    /// it. The knowledge's own phrasings of questions (intent examples and designed answers'
    /// questions) stand in for what people type: a name used in more of them comes first
    /// ("magnesium glycinate", in many, before "magnesium glycerophosphate", in one); then
    /// the topic with more facts, a name before an alias, the shorter, the alphabetical.
    static func vocabulary(of graph: Graph) -> [(text: String, topic: Int)] {
        var terms: [(text: String, key: String, isName: Bool, facts: Int, topic: Int)] = []
        for (index, topic) in graph.topics.enumerated() {
            terms.append((topic.name, topic.name.lowercased(), true, topic.facts.count, index))
            for alias in topic.aliases {
                terms.append((alias, alias.lowercased(), false, topic.facts.count, index))
            }
        }
        // Occurrences of each term as whole words in the phrasings, counted through the word
        // sequences of each phrasing up to the longest term's length.
        let wanted = Set(terms.map(\.key))
        let longest = terms.map { $0.key.split(separator: " ").count }.max() ?? 1
        var uses: [String: Int] = [:]
        let phrasings =
            graph.intents.flatMap(\.examples) + graph.answers.flatMap(\.questions)
        for phrasing in phrasings {
            let words = phrasing.lowercased().split {
                !($0.isLetter || $0.isNumber || "-'".contains($0))
            }
            guard !words.isEmpty else { continue }
            for start in words.indices {
                var sequence = ""
                for end in start..<min(words.count, start + longest) {
                    sequence += (end == start ? "" : " ") + words[end]
                    if wanted.contains(sequence) { uses[sequence, default: 0] += 1 }
                }
            }
        }
        let ranked = terms.sorted { a, b in
            let (usesA, usesB) = (uses[a.key] ?? 0, uses[b.key] ?? 0)
            if usesA != usesB { return usesA > usesB }
            if a.facts != b.facts { return a.facts > b.facts }
            if a.isName != b.isName { return a.isName }
            if a.text.count != b.text.count { return a.text.count < b.text.count }
            return a.key < b.key
        }
        var seen: Set<String> = []
        return ranked.filter { seen.insert($0.key).inserted }.map { ($0.text, $0.topic) }
    }

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
        var offeredTopics: Set<Int> = []
        let matches = names.filter { name in
            let key = name.lowercased()
            guard key.hasPrefix(phrase) else { return false }
            guard let topic = topicOfTerm[key] else { return true }
            return offeredTopics.insert(topic).inserted
        }
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
