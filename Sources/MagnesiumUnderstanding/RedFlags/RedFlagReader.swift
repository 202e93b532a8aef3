import MagnesiumKnowledge
import MagnesiumText
import Synchronization

/// What the red-flag reader made of one message: the rules that fire, and those held back.
public struct RedFlagReading: Sendable, Hashable {
    /// Rules whose symptoms were found and reported as happening now, by position in
    /// ``RedFlags/rules`` (priority order).
    public var fired: [Int] = []
    /// Rules whose symptoms were found only in a past, resolved, denied, supposed or asked-about
    /// mention: the message talks about the emergency without reporting one.
    public var held: [Int] = []
    /// The message denies, supposes, recalls, quotes or asks about something, or uses a symptom
    /// word in another sense: what resembles an emergency report in it is not to be taken as one.
    public var hedged = false
    /// The message says help has been called or reached ("the ambulance is on its way").
    public var helpComing = false
    /// The message names a symptom some rule looks for, whether or not a rule fired: "today it's
    /// swollen and red" names one, and the line before may say where.
    public var namesASymptom = false
    /// The symptom concepts found (by position, each once, in the order found): whether two
    /// messages read together could fire a rule is known from theirs without reading them again.
    public var symptomConcepts: [Int] = []
    /// The places of the words of symptoms the message denies ("no chest pain or fainting, just
    /// annoying"): what it says it does not have is no part of what it asks.
    public var deniedWords: [Int] = []

    public init(fired: [Int] = [], held: [Int] = []) {
        self.fired = fired
        self.held = held
    }
}

extension RedFlagWord {
    /// Whether the word is spelt so, as read or as typed; `asTypedOnly` reads it as typed alone.
    func matches(_ forms: RedFlagReader.Forms, asTypedOnly: Bool = false) -> Bool {
        if asTypedOnly, let typed = forms.typed {
            return matches(RedFlagReader.Forms(text: typed, typed: nil, number: forms.number))
        }
        switch self {
        case .exact(let word): return forms.text == word || forms.typed == word
        case .prefix(let stem):
            return forms.text.hasPrefix(stem) || (forms.typed?.hasPrefix(stem) ?? false)
        case .number(let atLeast, let atMost):
            guard let value = forms.number else { return false }
            return (atLeast.map { value >= $0 } ?? true) && (atMost.map { value <= $0 } ?? true)
        }
    }
}

/// What the reader derives from ``RedFlags``: phrases indexed by their first word, patterns with
/// concept positions instead of ids. Built from the graph, or read back from the compiled cache
/// (which checks every position against the graph).
struct RedFlagTables: Sendable, Equatable {
    /// A phrase and the concepts it names; cue phrases and symptom phrases are read in separate
    /// passes.
    struct Phrase: Sendable, Equatable {
        var words: [RedFlagWord]
        var concepts: [Int]
        var isCue: Bool
    }

    struct Pattern: Sendable, Equatable {
        /// Concept positions, one group per part.
        var groups: [[Int]]
        var within: Int
        var acrossSentences: Bool
    }

    /// A concept built from patterns of earlier ones.
    struct Built: Sendable, Equatable {
        var concept: Int
        var patterns: [Pattern]
    }

    struct Rule: Sendable, Equatable {
        var patterns: [Pattern]
        /// Bit `1 << i` set: the guard `RedFlagCue.guards[i]` does not hold this rule back.
        var ignored: UInt32
    }

    var conceptCount: Int
    /// Phrases by their first word, longest first.
    var byWord: [String: [Phrase]]
    /// Phrases whose first word is a word's beginning, by that beginning, longest first.
    var byPrefix: [String: [Phrase]]
    /// The lengths of the beginnings in `byPrefix`, shortest first.
    var prefixLengths: [Int]
    /// Phrases that start with a number, longest first.
    var byNumber: [Phrase]
    var built: [Built]
    var rules: [Rule]
    /// The concept position of each ``RedFlagCue`` (in `allCases` order), or -1 when the knowledge
    /// has none.
    var cues: [Int]

    static let empty = RedFlagTables(
        conceptCount: 0, byWord: [:], byPrefix: [:], prefixLengths: [], byNumber: [], built: [],
        rules: [], cues: RedFlagCue.allCases.map { _ in -1 })
}

extension RedFlagTables {
    /// Builds the tables from the graph. Ids that name no concept are left out (the validator
    /// reports them for YAML; a decoded graph is not validated, so nothing here may trap on one).
    init(redFlags: RedFlags) {
        var position: [String: Int] = [:]
        for (index, concept) in redFlags.concepts.enumerated() where position[concept.id] == nil {
            position[concept.id] = index
        }
        // Other-sense words compete with symptom words, so they are read in the symptom pass.
        let cueConcepts = Set(
            RedFlagCue.allCases.filter { $0 != .otherSense }.compactMap { position[$0.rawValue] })
        let (byWord, byPrefix, byNumber) = Self.phrasesByFirstWord(
            redFlags, cueConcepts: cueConcepts)
        var built: [Built] = []
        for (index, concept) in redFlags.concepts.enumerated() where !concept.patterns.isEmpty {
            let patterns = Self.compiled(concept.patterns, position)
            if !patterns.isEmpty { built.append(Built(concept: index, patterns: patterns)) }
        }
        let rules = redFlags.rules.map { rule in
            var ignored: UInt32 = 0
            for cue in RedFlagCue.guards where rule.ignores.contains(cue.rawValue) {
                ignored |= cue.guardBit
            }
            return Rule(patterns: Self.compiled(rule.patterns, position), ignored: ignored)
        }
        self.init(
            conceptCount: redFlags.concepts.count, byWord: byWord, byPrefix: byPrefix,
            prefixLengths: Set(byPrefix.keys.map(\.count)).sorted(),
            byNumber: byNumber, built: built, rules: rules,
            cues: RedFlagCue.allCases.map { position[$0.rawValue] ?? -1 })
    }

    /// Each distinct phrase once, with every concept that lists it (cue concepts and the others
    /// apart, since they are read in separate passes), filed by how its first word is matched,
    /// longest first.
    private static func phrasesByFirstWord(_ redFlags: RedFlags, cueConcepts: Set<Int>) -> (
        byWord: [String: [Phrase]], byPrefix: [String: [Phrase]], byNumber: [Phrase]
    ) {
        var byWord: [String: [Phrase]] = [:]
        var byPrefix: [String: [Phrase]] = [:]
        var byNumber: [Phrase] = []
        var conceptsOf: [[RedFlagWord]: (cues: [Int], others: [Int])] = [:]
        var order: [[RedFlagWord]] = []
        for (index, concept) in redFlags.concepts.enumerated() {
            for phrase in concept.words + concept.typos {
                let parts = phrase.split(separator: " ").map(String.init)
                let words = parts.compactMap(RedFlagWord.init(pattern:))
                guard !words.isEmpty, words.count == parts.count else { continue }
                if conceptsOf[words] == nil { order.append(words) }
                var entry = conceptsOf[words] ?? ([], [])
                if cueConcepts.contains(index) {
                    if !entry.cues.contains(index) { entry.cues.append(index) }
                } else if !entry.others.contains(index) {
                    entry.others.append(index)
                }
                conceptsOf[words] = entry
            }
        }
        for words in order {
            guard let entry = conceptsOf[words] else { continue }
            for (concepts, isCue) in [(entry.cues, true), (entry.others, false)]
            where !concepts.isEmpty {
                let phrase = Phrase(words: words, concepts: concepts, isCue: isCue)
                switch words[0] {
                case .exact(let word): byWord[word, default: []].append(phrase)
                case .prefix(let stem): byPrefix[stem, default: []].append(phrase)
                case .number: byNumber.append(phrase)
                }
            }
        }
        for key in byWord.keys { byWord[key] = longestFirst(byWord[key]!) }
        for key in byPrefix.keys { byPrefix[key] = longestFirst(byPrefix[key]!) }
        return (byWord, byPrefix, longestFirst(byNumber))
    }

    /// A stable sort: phrases of one length keep their file order, so the tables are the same
    /// every time.
    private static func longestFirst(_ phrases: [Phrase]) -> [Phrase] {
        phrases.enumerated().sorted {
            $0.element.words.count != $1.element.words.count
                ? $0.element.words.count > $1.element.words.count : $0.offset < $1.offset
        }.map(\.element)
    }

    /// Patterns with concept positions for ids; ids that name no concept are dropped, and a
    /// pattern left with an empty group is.
    private static func compiled(
        _ patterns: [RedFlagPattern], _ position: [String: Int]
    ) -> [Pattern] {
        patterns.compactMap { pattern in
            let groups = pattern.groups.map { $0.compactMap { position[$0] } }
            guard !groups.isEmpty, groups.allSatisfy({ !$0.isEmpty }) else { return nil }
            return Pattern(
                groups: groups, within: max(1, pattern.within),
                acrossSentences: pattern.acrossSentences)
        }
    }

    /// The words a misspelling may be corrected to: the long plain words of a symptom concept's
    /// `words` (not its typos, and not cue words: "settle" must not become "settled"). Short words
    /// are too close to ordinary ones ("asking" would become "aching", "target" "tablet"); their
    /// misspellings are typos.
    static func correctionWords(_ redFlags: RedFlags) -> Set<String> {
        var words = Set<String>()
        for concept in redFlags.concepts where !RedFlagConcept.cueIDs.contains(concept.id) {
            for phrase in concept.words {
                for part in phrase.split(separator: " ")
                where part.count >= shortestCorrectionTarget && part.allSatisfy(\.isLetter) {
                    words.insert(String(part))
                }
            }
        }
        return words
    }

    /// Red-flag words shorter than this are matched as written, never corrected to.
    static let shortestCorrectionTarget = 8
}

/// Reads a message for emergencies: finds symptom concepts anywhere in it (any clause, typed
/// forms and corrected ones, no punctuation needed), combines them per rule within each
/// pattern's window, and holds back mentions that a cue marks as not happening now: denied
/// ("no chest pain"), past ("years ago"), over ("fine now"), supposed ("what if"), someone
/// else's claim ("I read that"), long-standing ("sometimes") or the subject of a question
/// ("does magnesium help palpitations?").
package final class RedFlagReader: Sendable {
    let tables: RedFlagTables
    /// Whether a concept is named directly by some rule (a resolution that names one ends only
    /// that).
    private let inRules: [Bool]
    /// The cue (position in `RedFlagCue.allCases`) each concept is, or -1.
    private let cueOf: [Int]
    /// Rule out most words before their look-ups hash them (see ``WordFilter``).
    private let firstWords: WordFilter
    private let prefixStarts: WordFilter
    /// The built concepts' patterns, then the rules', flat (see ``anyRuleReachable(_:)``).
    private let reachability: PatternList
    /// The words of symptom phrases. A word corrected to one of them may complete a cue phrase
    /// ("i have an irregular heart rhytmh" names a condition had for long); a word corrected to
    /// any other may not: "stiff and jerking" read as "stiff and joking" is no joke. Built when a
    /// corrected word first meets a cue, not at start-up: most lines have no correction.
    private let symptomWords: SymptomWords

    /// Pairs of concepts that are readings of one sense (see ``senseKey(_:_:)``): two a pattern
    /// offers as alternatives ("severe-headache|worst-headache") or one built from the other. A
    /// word listed by two concepts of no such pair ("heavy": chest pressure, weak limbs) has two
    /// senses, and a rule that fired on it settles which.
    private let sameSense: Set<Int>

    /// The names a trace shows concepts and rules by (ids from the graph), by position.
    struct Names {
        var concepts: [String]
        var rules: [String]

        func concept(_ index: Int) -> String {
            index < concepts.count ? concepts[index] : "#\(index)"
        }
        func rule(_ index: Int) -> String { index < rules.count ? rules[index] : "#\(index)" }
    }

    init(tables: RedFlagTables) {
        self.tables = tables
        var inRules = [Bool](repeating: false, count: tables.conceptCount)
        for rule in tables.rules {
            for concept in rule.patterns.flatMap({ $0.groups.joined() })
            where concept < inRules.count { inRules[concept] = true }
        }
        self.inRules = inRules
        var cueOf = [Int](repeating: -1, count: tables.conceptCount)
        for (index, concept) in tables.cues.enumerated() where concept >= 0 && concept < cueOf.count
        { cueOf[concept] = index }
        self.cueOf = cueOf
        self.firstWords = WordFilter(tables.byWord.keys, bytes: Int.max)
        self.prefixStarts = WordFilter(tables.byPrefix.keys, bytes: WordFilter.prefixBytes)
        self.reachability = PatternList(tables)
        self.symptomWords = SymptomWords(tables)
        var sameSense = Set<Int>()
        func alike(_ concepts: [Int]) {
            for first in concepts {
                for second in concepts { sameSense.insert(Self.senseKey(first, second)) }
            }
        }
        for rule in tables.rules {
            for group in rule.patterns.flatMap(\.groups) { alike(group) }
        }
        for built in tables.built {
            for group in built.patterns.flatMap(\.groups) {
                alike(group)
                for part in group { alike([built.concept, part]) }
            }
        }
        self.sameSense = sameSense
    }

    /// The key of a pair of concepts in ``sameSense``, whichever comes first.
    private static func senseKey(_ first: Int, _ second: Int) -> Int {
        min(first, second) << 32 | max(first, second)
    }

    /// ``symptomWords``, worked out once on first use.
    private final class SymptomWords: Sendable {
        private let tables: RedFlagTables
        private let words = Mutex<Set<String>?>(nil)

        init(_ tables: RedFlagTables) { self.tables = tables }

        func contains(_ word: String) -> Bool {
            words.withLock { built in
                let words = built ?? Self.words(of: tables)
                built = words
                return words.contains(word)
            }
        }

        private static func words(of tables: RedFlagTables) -> Set<String> {
            var found = Set<String>()
            for phrases in Array(tables.byWord.values) + Array(tables.byPrefix.values) {
                for phrase in phrases where !phrase.isCue {
                    for case .exact(let word) in phrase.words { found.insert(word) }
                }
            }
            return found
        }
    }

    /// Every pattern of the built concepts and of the rules, as flat lists of positions, and the
    /// patterns each concept is in: checking them is a few loops over integers, with no arrays to
    /// retain.
    struct PatternList: Sendable {
        /// Per pattern: the concept it builds, or -1 for a rule's; and its groups in `groups`.
        var builds: [Int] = []
        var patternGroups: [Range<Int>] = []
        /// Per group: its concepts in `concepts` (only positions below the concept count).
        var groups: [Range<Int>] = []
        var concepts: [Int] = []
        /// The patterns concept `c` is in are `patternsWith[patternsStart[c]..<patternsStart[c + 1]]`.
        var patternsStart: [Int] = []
        var patternsWith: [Int] = []

        init(_ tables: RedFlagTables) {
            for built in tables.built {
                for pattern in built.patterns { add(pattern, builds: built.concept) }
            }
            for rule in tables.rules {
                for pattern in rule.patterns { add(pattern, builds: -1) }
            }
            concepts = concepts.map { $0 < tables.conceptCount ? $0 : -1 }
            var lists = [[Int]](repeating: [], count: tables.conceptCount)
            for (pattern, range) in patternGroups.enumerated() {
                for group in groups[range] {
                    for concept in concepts[group]
                    where concept >= 0 && lists[concept].last != pattern {
                        lists[concept].append(pattern)
                    }
                }
            }
            for list in lists {
                patternsStart.append(patternsWith.count)
                patternsWith += list
            }
            patternsStart.append(patternsWith.count)
        }

        /// Whether every group of the pattern has a concept marked present.
        func holds(_ pattern: Int, _ present: [Bool]) -> Bool {
            for group in patternGroups[pattern] {
                var any = false
                for concept in concepts[groups[group]] where concept >= 0 && present[concept] {
                    any = true
                    break
                }
                if !any { return false }
            }
            return true
        }

        private mutating func add(_ pattern: RedFlagTables.Pattern, builds concept: Int) {
            let firstGroup = groups.count
            for group in pattern.groups {
                let firstConcept = concepts.count
                concepts += group
                groups.append(firstConcept..<concepts.count)
            }
            builds.append(concept)
            patternGroups.append(firstGroup..<groups.count)
        }
    }

    /// A token's two spellings: as read (after correction and synonyms) and as typed.
    struct Forms {
        var text: String
        var typed: String?
        var number: Double?
    }

    /// How strongly the message breaks before a token.
    package enum Break: UInt8, Sendable {
        case none = 0
        /// "and", "but", "so": a joining word.
        case joiner = 1
        /// A comma, colon or dash.
        case clause = 2
        /// A full stop, question or exclamation mark, semicolon or line break.
        case sentence = 3
    }

    /// A concept found in the message; a built concept keeps the words of each of its parts (a word
    /// concept has none: its one part is its own span, and no array is made for it).
    struct Occurrence {
        var concept: Int
        var start: Int
        var end: Int
        var builtFrom: [Range<Int>] = []
        var negated = false

        var isBuilt: Bool { !builtFrom.isEmpty }
        /// The stretches of words it covers: its parts, or its own span.
        var parts: [Range<Int>] { isBuilt ? builtFrom : [start..<end] }

        /// Whether two occurrences share a word.
        func overlaps(_ other: Occurrence) -> Bool {
            if !isBuilt && !other.isBuilt { return start < other.end && other.start < end }
            return parts.contains { part in other.parts.contains { $0.overlaps(part) } }
        }
    }

    /// Most combinations of occurrences one pattern may try: a pasted wall of symptom words costs
    /// bounded time.
    static let searchLimit = 4_096
    /// A negation reaches a symptom at most this many words after it ("no real chest pain", "did
    /// not have any swelling").
    static let negationReach = 3
    /// A subject cue ("help with", "signs of") reaches the symptom at most this many words after
    /// it.
    static let subjectReach = 3

    /// Words after "and" that open a clause about someone or something new.
    static let newSubjectWords: Set<String> = [
        "my", "his", "her", "their", "our", "your", "i", "he", "she", "now",
    ]

    /// `present` cues that only date an episode, which a later resolution can still end.
    static let timesOfTheDay: Set<String> = [
        "today", "tonight", "this morning", "this afternoon", "this evening", "an hour ago",
        "hours ago", "minutes ago", "a few minutes ago",
    ]

    func read(tokens: [Token], breaks: [Break]) -> RedFlagReading {
        read(tokens: tokens, breaks: breaks, explaining: nil).reading
    }

    /// Reads a message and, given names, also says step by step what it found (for `magnesium ask
    /// --red-flags`): the words and breaks, the concepts and cues, and each rule fired or held
    /// back.
    func read(tokens: [Token], breaks: [Break], explaining names: Names?) -> (
        reading: RedFlagReading, trace: [String]
    ) {
        var trace = Trace(names: names)
        let count = tokens.count
        guard count > 0, tables.conceptCount > 0 else { return (RedFlagReading(), trace.lines) }
        let forms = tokens.map { token in
            Forms(
                text: token.text, typed: token.correctedFrom,
                number: token.isNumber ? Double(token.text) : nil)
        }
        func breakBefore(_ index: Int) -> Break { index < breaks.count ? breaks[index] : .none }

        // Unpacked straight into a variable: a copy kept would make marking denials copy the array.
        var occurrences: [Occurrence]
        let cueOccurrences: [Occurrence]
        (occurrences, cueOccurrences) = findSymptomsAndCues(forms, breakBefore)
        let otherSense = tables.cues[RedFlagCue.otherSense.index]
        let namesASymptom = occurrences.contains { $0.concept != otherSense }
        let symptomConcepts = Self.distinctConcepts(of: occurrences)
        if names == nil && !anyRuleReachable(symptomConcepts) {
            var reading = readingWithoutSymptoms(cueOccurrences, count: count, breakBefore)
            reading.hedged = reading.hedged || occurrences.contains { $0.concept == otherSense }
            reading.namesASymptom = namesASymptom
            reading.symptomConcepts = symptomConcepts
            return (reading, trace.lines)
        }

        let cues = FoundCues(cueOccurrences, cueOf: cueOf)
        let layout = MessageLayout(forms, cues, breakBefore)
        Self.markDenials(in: &occurrences, by: cues.negations, layout)
        if let names {
            trace.lines += Self.findingsShown(
                tokens, occurrences, cueOccurrences, names: names, breakBefore)
        }
        var byConcept = occurrencesByConcept(occurrences)
        // Each symptom's guards are worked out once; a built concept's are those of its parts.
        var bits = occurrences.map { Self.guardBits(of: $0.start..<$0.end, cues, layout) }
        addBuiltConcepts(
            to: &occurrences, byConcept: &byConcept, bits: &bits, sentence: layout.sentence)
        let episodes = EpisodeEndings(
            cues, occurrences, forms, segment: layout.segment, inRules: inRules)

        var reading = RedFlagReading()
        reading.namesASymptom = namesASymptom
        reading.deniedWords = occurrences.filter(\.negated).flatMap { Array($0.start..<$0.end) }
        reading.symptomConcepts = symptomConcepts
        reading.hedged = hedges(cues, occurrences, layout)
        reading.helpComing = Self.saysHelpIsComing(
            cues.occurrences(of: .helpComing), negations: cues.negations)
        let evidence = Evidence(
            occurrences: occurrences, byConcept: byConcept, bits: bits, sentence: layout.sentence,
            episodes: episodes)
        checkRules(evidence, wordCount: count, into: &reading, &trace)
        return (reading, trace.lines)
    }

    /// The steps `--red-flags` shows, kept only when names are given: the reads that answer
    /// questions keep none.
    private struct Trace {
        let names: Names?
        var lines: [String] = []

        mutating func add(_ line: @autoclosure () -> String) {
            if names != nil { lines.append(line()) }
        }
    }

    /// Symptom words (each concept's longest phrase at each word), then cues (longest first,
    /// claiming their words), from one look-up of the phrases each word may start.
    private func findSymptomsAndCues(_ forms: [Forms], _ breakBefore: (Int) -> Break) -> (
        symptoms: [Occurrence], cues: [Occurrence]
    ) {
        var phrases = PhraseLists(wordCount: forms.count)
        for form in forms {
            phrases.startWord()
            phrasesStarting(form) { phrases.add($0) }
        }
        let occurrences = scan(forms, phrases, cues: false, breakBefore: breakBefore)
        let symptomSpans = occurrences.map { $0.start..<$0.end }
        var cueOccurrences = scan(forms, phrases, cues: true, breakBefore: breakBefore)
        // A cue inside a symptom phrase ("can not breathe", "passed out", "is this a heart attack")
        // is part of the symptom; a cue that goes beyond one ("as a kid", "it passed", "magnesium
        // for") is a cue. Who and when stay cues whatever they share.
        let personCue = tables.cues[RedFlagCue.person.index]
        let presentCue = tables.cues[RedFlagCue.present.index]
        cueOccurrences.removeAll { cue in
            cue.concept != personCue && cue.concept != presentCue
                && symptomSpans.contains { $0.lowerBound <= cue.start && cue.end <= $0.upperBound }
        }
        return (occurrences, cueOccurrences)
    }

    /// The concepts found, each once, in the order found: the reading reports them, and whether
    /// any rule can fire is decided from them alone.
    private static func distinctConcepts(of occurrences: [Occurrence]) -> [Int] {
        var concepts: [Int] = []
        for occurrence in occurrences where !concepts.contains(occurrence.concept) {
            concepts.append(occurrence.concept)
        }
        return concepts
    }

    /// The cues found in a message, by kind: each guard looks only at the kinds that concern it.
    private struct FoundCues {
        private let all: [Occurrence]
        /// Per cue (position in `RedFlagCue.allCases`): its occurrences' positions in `all`.
        private let positionsByCue: [[Int]]
        let negations: [Occurrence]
        let subjects: [Occurrence]
        let hypotheticals: [Occurrence]
        let hearsays: [Occurrence]
        let resolutions: [Occurrence]
        let presents: [Occurrence]
        let pasts: [Occurrence]
        let chronics: [Occurrence]
        let jokes: [Occurrence]

        init(_ cueOccurrences: [Occurrence], cueOf: [Int]) {
            var positions: [[Int]] = Array(repeating: [], count: RedFlagCue.allCases.count)
            for (index, occurrence) in cueOccurrences.enumerated()
            where occurrence.concept < cueOf.count && cueOf[occurrence.concept] >= 0 {
                positions[cueOf[occurrence.concept]].append(index)
            }
            all = cueOccurrences
            positionsByCue = positions
            negations = Self.pick(.negation, cueOccurrences, positions)
            subjects = Self.pick(.subject, cueOccurrences, positions)
            hypotheticals = Self.pick(.hypothetical, cueOccurrences, positions)
            hearsays = Self.pick(.hearsay, cueOccurrences, positions)
            resolutions = Self.pick(.resolved, cueOccurrences, positions)
            presents = Self.pick(.present, cueOccurrences, positions)
            pasts = Self.pick(.past, cueOccurrences, positions)
            chronics = Self.pick(.chronic, cueOccurrences, positions)
            jokes = Self.pick(.joke, cueOccurrences, positions)
        }

        /// The occurrences of a cue not kept by kind above (contrasts, persons, questions, help).
        func occurrences(of cue: RedFlagCue) -> [Occurrence] {
            Self.pick(cue, all, positionsByCue)
        }

        private static func pick(
            _ cue: RedFlagCue, _ all: [Occurrence], _ positionsByCue: [[Int]]
        ) -> [Occurrence] {
            positionsByCue[cue.index].map { all[$0] }
        }
    }

    /// Where the message's sentences, segments and subjects begin and end: every guard reaches
    /// only so far.
    private struct MessageLayout {
        /// Per word: its sentence, and its segment (a segment ends at a comma or stronger break,
        /// or at a contrast: "but").
        var sentence: [Int]
        var segment: [Int]
        /// Per word: its subject ("and my", "and her" open a new one).
        var subject: [Int]
        var contrastStarts: Set<Int>
        var segmentCount: Int
        /// Per segment: its first word, whether it names a person, whether it opens with a
        /// question cue.
        var segmentStart: [Int]
        var person: [Bool]
        var opensAQuestion: [Bool]

        init(_ forms: [Forms], _ cues: FoundCues, _ breakBefore: (Int) -> Break) {
            let count = forms.count
            contrastStarts = Set(cues.occurrences(of: .contrast).map(\.start))
            (sentence, segment) = Self.sentencesAndSegments(count, contrastStarts, breakBefore)
            subject = Self.subjects(forms, breakBefore)
            segmentCount = (segment.last ?? 0) + 1
            var person = [Bool](repeating: false, count: segmentCount)
            for occurrence in cues.occurrences(of: .person) {
                person[segment[occurrence.start]] = true
            }
            self.person = person
            var segmentStart = [Int](repeating: count, count: segmentCount)
            for index in stride(from: count - 1, through: 0, by: -1) {
                segmentStart[segment[index]] = index
            }
            self.segmentStart = segmentStart
            let questionStarts = Set(cues.occurrences(of: .question).map(\.start))
            opensAQuestion = (0..<segmentCount).map { questionStarts.contains(segmentStart[$0]) }
        }

        private static func sentencesAndSegments(
            _ count: Int, _ contrastStarts: Set<Int>, _ breakBefore: (Int) -> Break
        ) -> (sentence: [Int], segment: [Int]) {
            var sentence = [Int](repeating: 0, count: count)
            var segment = [Int](repeating: 0, count: count)
            for index in 1..<max(count, 1) where index < count {
                let kind = breakBefore(index)
                sentence[index] = sentence[index - 1] + (kind == .sentence ? 1 : 0)
                segment[index] =
                    segment[index - 1]
                    + (kind.rawValue >= Break.clause.rawValue || contrastStarts.contains(index)
                        ? 1 : 0)
            }
            return (sentence, segment)
        }

        /// "Leg cramps every night and my calf is swollen": a habit said of one thing does not
        /// reach a new subject that "and my", "and her" opens.
        private static func subjects(_ forms: [Forms], _ breakBefore: (Int) -> Break) -> [Int] {
            let count = forms.count
            var subject = [Int](repeating: 0, count: count)
            for index in 1..<max(count, 1) where index < count {
                let opensNewSubject =
                    breakBefore(index) == .joiner && index + 1 < count
                    && RedFlagReader.newSubjectWords.contains(forms[index + 1].text)
                subject[index] = subject[index - 1] + (opensNewSubject ? 1 : 0)
            }
            return subject
        }
    }

    /// Denials: a negation shortly before a symptom, in the same sentence and with no "but"
    /// between.
    private static func markDenials(
        in occurrences: inout [Occurrence], by negations: [Occurrence], _ layout: MessageLayout
    ) {
        for index in occurrences.indices {
            let occurrence = occurrences[index]
            occurrences[index].negated = negations.contains { negation in
                negation.end <= occurrence.start
                    && occurrence.start - negation.end <= Self.negationReach
                    && layout.sentence[negation.start] == layout.sentence[occurrence.start]
                    && !layout.contrastStarts.contains {
                        $0 >= negation.end && $0 < occurrence.start
                    }
            }
        }
    }

    /// The trace's first lines: the words with their breaks shown as "+" (a joining word), ","
    /// and ".", then the symptoms and the cues found.
    private static func findingsShown(
        _ tokens: [Token], _ occurrences: [Occurrence], _ cueOccurrences: [Occurrence],
        names: Names, _ breakBefore: (Int) -> Break
    ) -> [String] {
        [
            "words: "
                + tokens.enumerated().map {
                    ["", "+ ", ", ", ". "][Int(breakBefore($0.offset).rawValue)] + $0.element.text
                }.joined(separator: " "),
            "found: "
                + occurrences.map {
                    "\(names.concept($0.concept))@\($0.start)\($0.negated ? "(denied)" : "")"
                }.joined(separator: " "),
            "cues: "
                + cueOccurrences.map { "\(names.concept($0.concept))@\($0.start)" }.joined(
                    separator: " "),
        ]
    }

    /// The symptoms not denied, by concept: a pattern's search starts from its groups' concepts.
    private func occurrencesByConcept(_ occurrences: [Occurrence]) -> [[Int]] {
        var byConcept = [[Int]](repeating: [], count: tables.conceptCount)
        for (index, occurrence) in occurrences.enumerated()
        where !occurrence.negated && occurrence.concept < tables.conceptCount {
            byConcept[occurrence.concept].append(index)
        }
        return byConcept
    }

    /// Why a part of a match is not a present report, as bits of `RedFlagCue.guards`; 0 when it
    /// is one. A time or source cue ("years ago", "sometimes", "if", "I read") holds a part back
    /// unless a cue of the present ("now", "again") is said closer to it: "had a clot years ago
    /// and now my calf is swollen" reports the calf.
    private static func guardBits(
        of part: Range<Int>, _ cues: FoundCues, _ layout: MessageLayout
    ) -> UInt32 {
        var bits: UInt32 = 0
        let seg = layout.segment[part.lowerBound]
        let now = nearest(cues.presents, to: part, layout)
        func heldBy(_ list: [Occurrence], _ cue: RedFlagCue, orNext: Bool = false) {
            if let held = nearest(list, to: part, layout, orNext: orNext),
                now.map({ held <= $0 }) ?? true
            {
                bits |= cue.guardBit
            }
        }
        heldBy(cues.pasts, .past)
        // "Whenever I move ... it started an hour ago": anything said to be happening now in
        // the sentence makes a habit an event.
        if cues.chronics.contains(where: {
            layout.segment[$0.start] == seg
                && layout.subject[$0.start] == layout.subject[part.lowerBound]
        })
            && !cues.presents.contains(where: {
                layout.sentence[$0.start] == layout.sentence[part.lowerBound]
            })
        {
            bits |= RedFlagCue.chronic.guardBit
        }
        heldBy(cues.hypotheticals, .hypothetical)
        heldBy(cues.hearsays, .hearsay, orNext: true)
        heldBy(cues.jokes, .joke)
        if now == nil {
            if cues.subjects.contains(where: {
                $0.end <= part.lowerBound && part.lowerBound - $0.end <= Self.subjectReach
                    && layout.segment[$0.start] == seg
            }) {
                bits |= RedFlagCue.subject.guardBit
            }
            if layout.opensAQuestion[seg] && !layout.person[seg] {
                bits |= RedFlagCue.question.guardBit
            }
        }
        return bits
    }

    /// The distance to the nearest cue of the list in the part's segment (or, with `orNext`, in
    /// the segment right after it when the cue opens it: "..., is that true?").
    private static func nearest(
        _ list: [Occurrence], to part: Range<Int>, _ layout: MessageLayout, orNext: Bool = false
    ) -> Int? {
        let seg = layout.segment[part.lowerBound]
        return list.filter {
            layout.segment[$0.start] == seg
                || (orNext && layout.segment[$0.start] == seg + 1
                    && layout.segmentStart[seg + 1] == $0.start)
        }.map { distance(from: $0, to: part) }.min()
    }

    /// Words between a cue and a part of a match (0 when they share a word).
    private static func distance(from cue: Occurrence, to part: Range<Int>) -> Int {
        cue.end <= part.lowerBound
            ? part.lowerBound - cue.end
            : (cue.start >= part.upperBound ? cue.start - part.upperBound : 0)
    }

    /// Built concepts, in file order: each pattern found makes one occurrence spanning its parts,
    /// held back by whatever holds back one of them; later built concepts and the rules may use
    /// it.
    private func addBuiltConcepts(
        to occurrences: inout [Occurrence], byConcept: inout [[Int]], bits: inout [UInt32],
        sentence: [Int]
    ) {
        for built in tables.built {
            var found: [(occurrence: Occurrence, bits: UInt32)] = []
            for pattern in built.patterns {
                search(pattern, occurrences, byConcept, sentence) { chosen in
                    let parts = chosen.flatMap { occurrences[$0].parts }
                    let start = parts.map(\.lowerBound).min() ?? 0
                    let end = parts.map(\.upperBound).max() ?? 0
                    if !found.contains(where: {
                        $0.occurrence.start == start && $0.occurrence.end == end
                    }) {
                        found.append(
                            (
                                Occurrence(
                                    concept: built.concept, start: start, end: end, builtFrom: parts
                                ), chosen.reduce(0) { $0 | bits[$1] }
                            ))
                    }
                    return found.count >= 64
                }
            }
            for (occurrence, guardBits) in found where built.concept < tables.conceptCount {
                byConcept[built.concept].append(occurrences.count)
                occurrences.append(occurrence)
                bits.append(guardBits)
            }
        }
    }

    /// "...but it's fine now": an episode that is over. A resolution naming a symptom of the
    /// same rule ("the swelling went down") or none ("it settled") ends what came before it in
    /// its sentence and the one before, unless something is said to be happening now in between;
    /// one naming another symptom ("the cramp went away") leaves the rest standing. A time of
    /// the day ("racing this morning, but it's fine now") says when the episode was, not that it
    /// goes on.
    private struct EpisodeEndings {
        let presentStarts: [Int]
        /// Each resolution that counts, with the symptom concepts it names (empty: it names none).
        let endings: [(start: Int, names: Set<Int>)]

        init(
            _ cues: FoundCues, _ occurrences: [Occurrence], _ forms: [Forms], segment: [Int],
            inRules: [Bool]
        ) {
            presentStarts = cues.presents.filter { cue in
                !RedFlagReader.timesOfTheDay.contains(
                    (cue.start..<cue.end).map { forms[$0].text }.joined(separator: " "))
            }.map(\.start)
            let negations = cues.negations
            endings = cues.resolutions.compactMap { resolution in
                // "it has not settled" ends nothing.
                guard
                    !negations.contains(where: {
                        $0.end <= resolution.start && resolution.start - $0.end <= 1
                    })
                else { return nil }
                let named = occurrences.filter {
                    !$0.isBuilt && $0.concept < inRules.count && inRules[$0.concept]
                        && $0.end <= resolution.start
                        && segment[$0.start] == segment[resolution.start]
                }
                guard let last = named.map(\.end).max() else { return (resolution.start, []) }
                return (resolution.start, Set(named.filter { $0.end == last }.map(\.concept)))
            }
        }

        /// Whether a resolution ends the episode the chosen parts of the pattern report.
        func end(
            _ chosen: [Int], _ pattern: RedFlagTables.Pattern, _ occurrences: [Occurrence],
            _ sentence: [Int]
        ) -> Bool {
            guard !endings.isEmpty else { return false }
            let firstStart = chosen.map { occurrences[$0].start }.min() ?? 0
            for ending in endings
            where ending.start >= firstStart && sentence[ending.start] - sentence[firstStart] <= 1 {
                guard !presentStarts.contains(where: { $0 > firstStart && $0 < ending.start })
                else { continue }
                if ending.names.isEmpty
                    || pattern.groups.contains(where: { !ending.names.isDisjoint(with: $0) })
                {
                    return true
                }
            }
            return false
        }
    }

    /// Whether the message denies, supposes, recalls, quotes or asks about something, or uses a
    /// symptom word in another sense, anywhere in it.
    private func hedges(
        _ cues: FoundCues, _ occurrences: [Occurrence], _ layout: MessageLayout
    ) -> Bool {
        !(cues.negations.isEmpty && cues.hypotheticals.isEmpty && cues.hearsays.isEmpty
            && cues.pasts.isEmpty && cues.chronics.isEmpty
            && cues.resolutions.isEmpty && cues.subjects.isEmpty && cues.jokes.isEmpty)
            || occurrences.contains { $0.concept == tables.cues[RedFlagCue.otherSense.index] }
            || (0..<layout.segmentCount).contains {
                layout.opensAQuestion[$0] && !layout.person[$0]
            }
    }

    /// Whether help is said to be coming, not denied ("no one has called an ambulance").
    private static func saysHelpIsComing(
        _ helps: [Occurrence], negations: [Occurrence]
    ) -> Bool {
        helps.contains { help in
            !negations.contains {
                $0.end <= help.start && help.start - $0.end <= Self.negationReach
            }
        }
    }

    /// What every rule is checked against, worked out once per message.
    private struct Evidence {
        var occurrences: [Occurrence]
        var byConcept: [[Int]]
        /// Each occurrence's guards (a built one's: those of its parts).
        var bits: [UInt32]
        var sentence: [Int]
        var episodes: EpisodeEndings
    }

    /// One word, one sense: a word a rule fired on is read as that rule read it. "His chest
    /// feels heavy and it's going into his arm" is chest pressure for the heart attack rule; a
    /// later rule may not read "heavy" as a weak limb and fire on the same words.
    private struct WordSenses {
        /// Per word: the concept a rule fired on it as, or -1.
        private var senseOfWord: [Int]

        init(wordCount: Int) { senseOfWord = [Int](repeating: -1, count: wordCount) }

        func allow(_ occurrence: Occurrence, sameSense: Set<Int>) -> Bool {
            guard !occurrence.isBuilt else { return true }
            return (occurrence.start..<occurrence.end).allSatisfy { word in
                let sense = senseOfWord[word]
                return sense < 0 || sense == occurrence.concept
                    || sameSense.contains(RedFlagReader.senseKey(sense, occurrence.concept))
            }
        }

        mutating func settle(_ chosen: [Int], _ occurrences: [Occurrence]) {
            for occurrence in chosen.map({ occurrences[$0] }) where !occurrence.isBuilt {
                for word in occurrence.start..<occurrence.end where senseOfWord[word] < 0 {
                    senseOfWord[word] = occurrence.concept
                }
            }
        }
    }

    /// The rules in priority order: each fires, is held back or finds nothing; one that fires
    /// settles the sense of its words for the rules after it.
    private func checkRules(
        _ evidence: Evidence, wordCount: Int, into reading: inout RedFlagReading,
        _ trace: inout Trace
    ) {
        let names = trace.names
        var lastNote = ""
        var senses = WordSenses(wordCount: wordCount)
        for (index, rule) in tables.rules.enumerated() {
            let outcome = check(rule, evidence, senses, names: names, lastNote: &lastNote)
            if outcome.found {
                reading.fired.append(index)
                senses.settle(outcome.firedOn, evidence.occurrences)
            } else if outcome.held {
                reading.held.append(index)
            }
            if outcome.found || outcome.held {
                trace.add(
                    "rule \(names?.rule(index) ?? ""): \(outcome.found ? "fired" : "held back") \(lastNote)"
                )
            }
        }
    }

    /// One rule, pattern by pattern until one is found: first with only the parts nothing holds
    /// back (a report needs every part to be one), then, if that finds nothing, with any parts,
    /// which holds the rule back.
    private func check(
        _ rule: RedFlagTables.Rule, _ evidence: Evidence, _ senses: WordSenses, names: Names?,
        lastNote: inout String
    ) -> (found: Bool, held: Bool, firedOn: [Int]) {
        var found = false
        var held = false
        var firedOn: [Int] = []
        let occurrences = evidence.occurrences
        for pattern in rule.patterns where !found {
            search(
                pattern, occurrences, evidence.byConcept, evidence.sentence,
                allowing: {
                    evidence.bits[$0] & ~rule.ignored == 0
                        && senses.allow(occurrences[$0], sameSense: sameSense)
                },
                visit: { chosen in
                    let over =
                        evidence.episodes.end(chosen, pattern, occurrences, evidence.sentence)
                        && rule.ignored & RedFlagCue.resolved.guardBit == 0
                    if let names {
                        lastNote = Self.note(
                            chosen, over ? RedFlagCue.resolved.guardBit : 0, rule, occurrences,
                            names)
                    }
                    if over { held = true } else { found = true }
                    if found { firedOn = chosen }
                    return found
                })
            if !found && !held {
                search(
                    pattern, occurrences, evidence.byConcept, evidence.sentence,
                    allowing: { senses.allow(occurrences[$0], sameSense: sameSense) },
                    visit: { chosen in
                        if let names {
                            lastNote = Self.note(
                                chosen, chosen.reduce(0) { $0 | evidence.bits[$1] }, rule,
                                occurrences, names)
                        }
                        held = true
                        return true
                    })
            }
        }
        return (found, held, firedOn)
    }

    /// What the trace says a rule fired or was held back on: the parts, and the guards that held
    /// it back.
    private static func note(
        _ chosen: [Int], _ guardBits: UInt32, _ rule: RedFlagTables.Rule,
        _ occurrences: [Occurrence], _ names: Names
    ) -> String {
        let parts = chosen.map {
            "\(names.concept(occurrences[$0].concept))@\(occurrences[$0].start)"
        }
        let by = RedFlagCue.guards.filter { guardBits & ~rule.ignored & $0.guardBit != 0 }
            .map(\.rawValue)
        return parts.joined(separator: " + ")
            + (by.isEmpty ? "" : " by " + by.joined(separator: ", "))
    }

    /// The phrase lists that may start at a word: those under its spellings (as read and as
    /// typed) and their beginnings, and the number phrases for a number. Worked out once for both
    /// of `scan`'s passes.
    private func phrasesStarting(_ form: Forms, _ add: ([RedFlagTables.Phrase]) -> Void) {
        func lookUp(_ spelling: String) {
            if firstWords.mayHold(spelling), let phrases = tables.byWord[spelling] {
                add(phrases)
            }
            guard prefixStarts.mayHold(spelling) else { return }
            for length in tables.prefixLengths where length <= spelling.utf8.count {
                if let phrases = tables.byPrefix[String(spelling.prefix(length))] {
                    add(phrases)
                }
            }
        }
        lookUp(form.text)
        if let typed = form.typed, typed != form.text { lookUp(typed) }
        if form.number != nil { add(tables.byNumber) }
    }

    /// The phrase lists that may start at each word, in one array for the whole message (an array
    /// per word cost more than its few look-ups).
    struct PhraseLists {
        private var lists: [[RedFlagTables.Phrase]] = []
        /// Word `w`'s lists are `lists[starts[w]..<starts[w + 1]]` (the last word's run to the
        /// end).
        private var starts: [Int] = []

        init(wordCount: Int) { starts.reserveCapacity(wordCount) }

        /// Lists added from now on are the next word's.
        mutating func startWord() { starts.append(lists.count) }
        mutating func add(_ list: [RedFlagTables.Phrase]) { lists.append(list) }

        subscript(word: Int) -> ArraySlice<[RedFlagTables.Phrase]> {
            lists[starts[word]..<(word + 1 < starts.count ? starts[word + 1] : lists.count)]
        }
    }

    /// Whether some rule has every group of a pattern among the concepts found, built ones
    /// included (any concept that could be built from them, in any order: more than `read`
    /// builds, never less). Most messages name a symptom concept ("magnesium" is one) but no
    /// rule's whole pattern: nothing can fire or be held back then.
    func anyRuleReachable(_ concepts: [Int]) -> Bool {
        guard !concepts.isEmpty else { return false }
        let list = reachability
        var present = [Bool](repeating: false, count: tables.conceptCount)
        var newlyPresent: [Int] = []
        for concept in concepts where concept >= 0 && concept < present.count && !present[concept] {
            present[concept] = true
            newlyPresent.append(concept)
        }
        // A pattern can only come to hold when a concept in it is found: each one found checks
        // the patterns it is in.
        while let concept = newlyPresent.popLast() {
            let patterns = list.patternsStart[concept]..<list.patternsStart[concept + 1]
            for pattern in list.patternsWith[patterns] where list.holds(pattern, present) {
                let builds = list.builds[pattern]
                if builds < 0 { return true }
                if builds < present.count && !present[builds] {
                    present[builds] = true
                    newlyPresent.append(builds)
                }
            }
        }
        return false
    }

    /// The reading of a message where no rule can fire (most messages): only whether it hedges and
    /// whether help is coming, worked out as `read` does, without the work symptoms need.
    private func readingWithoutSymptoms(
        _ cueOccurrences: [Occurrence], count: Int, _ breakBefore: (Int) -> Break
    ) -> RedFlagReading {
        // Which cues were found, as bits by cue position; the few lists needed are made only when
        // their cue was found.
        var found: UInt32 = 0
        for occurrence in cueOccurrences
        where occurrence.concept < cueOf.count && cueOf[occurrence.concept] >= 0 {
            found |= 1 << UInt32(cueOf[occurrence.concept])
        }
        func cues(_ cue: RedFlagCue) -> [Occurrence] {
            guard found & (1 << UInt32(cue.index)) != 0 else { return [] }
            return cueOccurrences.filter {
                $0.concept < cueOf.count && cueOf[$0.concept] == cue.index
            }
        }
        var reading = RedFlagReading()
        reading.hedged =
            found & Self.hedgingCues != 0
            || opensAQuestionWithoutPerson(
                questions: cues(.question), persons: cues(.person), contrasts: cues(.contrast),
                count: count, breakBefore)
        let negations = cues(.negation)
        reading.helpComing = Self.saysHelpIsComing(cues(.helpComing), negations: negations)
        return reading
    }

    /// The cues (bits by position) that make a message hedge wherever they are found.
    private static let hedgingCues: UInt32 = [
        RedFlagCue.negation, .hypothetical, .hearsay, .past, .chronic, .resolved, .subject, .joke,
    ].reduce(0) { $0 | 1 << UInt32($1.index) }

    /// Whether a segment (split at commas and stronger breaks, and at contrasts) opens with a
    /// question cue and names no person: `read`'s `opensAQuestion[seg] && !person[seg]`.
    private func opensAQuestionWithoutPerson(
        questions: [Occurrence], persons: [Occurrence], contrasts: [Occurrence], count: Int,
        _ breakBefore: (Int) -> Break
    ) -> Bool {
        guard !questions.isEmpty else { return false }
        let contrastStarts = Set(contrasts.map(\.start))
        func startsSegment(_ index: Int) -> Bool {
            index == 0 || breakBefore(index).rawValue >= Break.clause.rawValue
                || contrastStarts.contains(index)
        }
        var segment = [Int](repeating: 0, count: count)
        for index in 1..<max(count, 1) where index < count {
            segment[index] = segment[index - 1] + (startsSegment(index) ? 1 : 0)
        }
        return questions.contains { question in
            startsSegment(question.start)
                && !persons.contains { segment[$0.start] == segment[question.start] }
        }
    }

    /// The phrases found in the message. Cues are read longest first, a cue phrase claiming its
    /// words; symptom concepts are read at every word, each concept taking its longest phrase there
    /// ("stuck in a cramp" is both a cramp that will not stop and a cramp). Words read in another
    /// sense ("chest day", "bottle of water") are no symptom.
    private func scan(
        _ forms: [Forms], _ phrasesAt: PhraseLists, cues: Bool,
        breakBefore: (Int) -> Break
    ) -> [Occurrence] {
        let otherSense = tables.cues[RedFlagCue.otherSense.index]
        var found: [Occurrence] = []
        var claims = SymptomClaims()
        var index = 0
        // Each concept's longest phrase starting at the current word (few at a time: a list, not a
        // dictionary).
        var longest: [(concept: Int, length: Int)] = []
        while index < forms.count {
            longest.removeAll(keepingCapacity: true)
            for phrases in phrasesAt[index] {
                addLongestMatches(
                    of: phrases, at: index, forms, cues: cues, breakBefore: breakBefore,
                    to: &longest)
            }
            if longest.isEmpty {
                index += 1
                continue
            }
            longest.sort { $0.concept < $1.concept }
            if cues {
                index += Self.claimCueWords(longest, at: index, into: &found)
                continue
            }
            claims.addSymptoms(longest, at: index, otherSense: otherSense, into: &found)
            index += 1
        }
        if cues { return found }
        return Self.droppingWordsOfAnotherSense(found, otherSense: otherSense)
    }

    /// Records, for each concept, the longest of these phrases of the pass (cue or symptom) that
    /// matches from word `index` within one sentence.
    private func addLongestMatches(
        of phrases: [RedFlagTables.Phrase], at index: Int, _ forms: [Forms], cues: Bool,
        breakBefore: (Int) -> Break, to longest: inout [(concept: Int, length: Int)]
    ) {
        // By position, not by copies of the phrases: a copy retains its arrays.
        for at in phrases.indices
        where phrases[at].isCue == cues && index + phrases[at].words.count <= forms.count {
            let length = phrases[at].words.count
            var offset = 0
            while offset < length {
                // A phrase lies within one sentence, and a cue within one clause: "is that ok,
                // now he's drowsy" says nothing is "ok now".
                if offset > 0 {
                    let crossed = breakBefore(index + offset)
                    if crossed == .sentence || (cues && crossed == .clause) { break }
                }
                let form = forms[index + offset]
                let asTyped =
                    cues && form.typed != nil && !symptomWords.contains(form.text)
                if !phrases[at].words[offset].matches(form, asTypedOnly: asTyped) { break }
                offset += 1
            }
            guard offset == length else { continue }
            for concept in phrases[at].concepts {
                if let at = longest.firstIndex(where: { $0.concept == concept }) {
                    if offset > longest[at].length { longest[at].length = offset }
                } else {
                    longest.append((concept, offset))
                }
            }
        }
    }

    /// A cue phrase claims its words: the longest wins, and the next cue starts after it. Returns
    /// how many words it claimed.
    private static func claimCueWords(
        _ longest: [(concept: Int, length: Int)], at index: Int, into found: inout [Occurrence]
    ) -> Int {
        let best = longest.map(\.length).max() ?? 1
        for (concept, length) in longest where length == best {
            found.append(Occurrence(concept: concept, start: index, end: index + best))
        }
        return best
    }

    /// The words the symptom pass has given away so far: to another sense, or to a concept
    /// already found over them.
    private struct SymptomClaims {
        /// Words before this are claimed by another sense.
        var claimedUntil = 0
        /// Where each concept's occurrences found so far end, furthest first (few concepts a
        /// message: a list, not a dictionary).
        var coveredUntil: [(concept: Int, end: Int)] = []

        /// Another sense claims its words unless a longer phrase starts there too: "a bottle
        /// of milk" is not pills, "a bottle of milk of magnesia" is. Only the longer phrases
        /// are found then: "3000 mg a day" is a huge amount, and its "3000" is still no
        /// number of pills.
        mutating func addSymptoms(
            _ longest: [(concept: Int, length: Int)], at index: Int, otherSense: Int,
            into found: inout [Occurrence]
        ) {
            let sense =
                otherSense >= 0 ? longest.first(where: { $0.concept == otherSense })?.length : nil
            if let sense, sense >= longest.map(\.length).max() ?? 0 {
                found.append(Occurrence(concept: otherSense, start: index, end: index + sense))
                claimedUntil = max(claimedUntil, index + sense)
            } else if index >= claimedUntil {
                for (concept, length) in longest
                where concept != otherSense && length > sense ?? 0 {
                    let end = index + length
                    // The same concept already covers these words ("a handful", then "handful").
                    if let at = coveredUntil.firstIndex(where: { $0.concept == concept }) {
                        if end <= coveredUntil[at].end { continue }
                        coveredUntil[at].end = end
                    } else {
                        // Never found before: it covers nothing yet (0), which `end` always
                        // passes.
                        coveredUntil.append((concept, end))
                    }
                    found.append(Occurrence(concept: concept, start: index, end: end))
                }
            }
        }
    }

    /// Words claimed by another sense carry no symptom, even one that started before them.
    private static func droppingWordsOfAnotherSense(
        _ found: [Occurrence], otherSense: Int
    ) -> [Occurrence] {
        let claimed = found.filter { $0.concept == otherSense }.map { $0.start..<$0.end }
        return found.filter { occurrence in
            occurrence.concept == otherSense
                || !claimed.contains {
                    $0.lowerBound <= occurrence.start && occurrence.end <= $0.upperBound
                }
        }
    }

    /// Calls `visit` with each combination of occurrences, one per group of the pattern, that lies
    /// within its window (and sentence); `visit` returns true to stop. Parts may not share words.
    private func search(
        _ pattern: RedFlagTables.Pattern, _ occurrences: [Occurrence], _ byConcept: [[Int]],
        _ sentence: [Int],
        allowing allowed: (Int) -> Bool = { _ in true }, visit: ([Int]) -> Bool
    ) {
        // Most patterns miss a group entirely: look before building anything.
        for group in pattern.groups
        where !group.contains(where: { $0 < byConcept.count && !byConcept[$0].isEmpty }) { return }
        var candidates: [[Int]] = []
        candidates.reserveCapacity(pattern.groups.count)
        for group in pattern.groups {
            var list: [Int] = []
            for concept in group where concept < byConcept.count {
                for occurrence in byConcept[concept] where allowed(occurrence) {
                    list.append(occurrence)
                }
            }
            if list.isEmpty { return }
            candidates.append(list)
        }
        guard !candidates.isEmpty else { return }
        var chosen: [Int] = []
        var tried = 0
        var stop = false
        func step(_ group: Int, _ low: Int, _ high: Int) {
            if stop { return }
            if group == candidates.count {
                stop = visit(chosen)
                return
            }
            for candidate in candidates[group] {
                tried += 1
                if tried > Self.searchLimit { stop = true }
                if stop { return }
                let occurrence = occurrences[candidate]
                let newLow = min(low, occurrence.start)
                let newHigh = max(high, occurrence.end)
                guard newHigh - newLow <= pattern.within else { continue }
                guard pattern.acrossSentences || sentence[newLow] == sentence[newHigh - 1] else {
                    continue
                }
                guard
                    !chosen.contains(where: { other in
                        occurrences[other].overlaps(occurrence)
                    })
                else { continue }
                chosen.append(candidate)
                step(group + 1, newLow, newHigh)
                chosen.removeLast()
            }
        }
        step(0, Int.max, Int.min)
    }
}

extension RedFlagCue {
    /// Each cue's bit in a guard mask, by ``index``.
    private static let guardBits: [UInt32] = allCases.map { cue in
        guards.firstIndex(of: cue).map { UInt32(1) << UInt32($0) } ?? 0
    }
    /// Position in `allCases`, where ``RedFlagTables/cues`` keeps the cue's concept. A switch, not
    /// a dictionary: hashing the cue cost more than what it was looked up for (a test checks the
    /// order against `allCases`).
    var index: Int {
        switch self {
        case .negation: 0
        case .past: 1
        case .resolved: 2
        case .present: 3
        case .hypothetical: 4
        case .hearsay: 5
        case .chronic: 6
        case .subject: 7
        case .person: 8
        case .question: 9
        case .contrast: 10
        case .joke: 11
        case .helpComing: 12
        case .otherSense: 13
        }
    }
    /// The cue's bit in a guard mask (0 for a cue that holds nothing back).
    var guardBit: UInt32 { Self.guardBits[index] }
}

/// A set of byte strings as bits, to rule out a word before a look-up hashes it: a word that is
/// not in it (a cheap hash of its bytes finds its bit clear) is surely not a key. Only plain ASCII
/// words are tested, against ASCII keys: there equal strings are equal bytes, where Unicode
/// equivalence could make two different byte strings one string.
struct WordFilter: Sendable {
    /// Red-flag beginnings are tested by this many first bytes: every beginning is at least as long.
    static let prefixBytes = 3
    private static let bitCount = 1 << 16
    private var bits = [UInt64](repeating: 0, count: WordFilter.bitCount / 64)
    /// Bytes of a word that are hashed (all of them for whole words).
    private let length: Int
    /// False when some key is not ASCII or too short: then every word may be a key.
    private let usable: Bool

    init<Keys: Sequence<String>>(_ keys: Keys, bytes length: Int) {
        self.length = length
        var usable = true
        for key in keys {
            let bytes = key.utf8
            guard bytes.allSatisfy({ $0 < 0x80 }), length == Int.max || bytes.count >= length
            else {
                usable = false
                break
            }
            let bit = Self.bit(bytes.prefix(length))
            bits[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        self.usable = usable
    }

    /// False only when the word is surely no key (or, for beginnings, starts no key).
    func mayHold(_ word: String) -> Bool {
        guard usable else { return true }
        // Over the word's bytes in place (iterating `utf8` cost more than the hashing), hashed as
        // they are checked to be ASCII.
        var word = word
        return word.withUTF8 { bytes in
            var hash = Self.seed
            for (offset, byte) in bytes.enumerated() {
                if byte >= 0x80 { return true }
                if offset < length { hash = Self.mix(hash, byte) }
            }
            if length != Int.max && bytes.count < length { return false }
            let bit = Self.fold(hash)
            return bits[bit >> 6] & (1 << UInt64(bit & 63)) != 0
        }
    }

    /// FNV-1a over the bytes, folded to a bit position.
    private static func bit<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Int {
        var hash = seed
        for byte in bytes { hash = mix(hash, byte) }
        return fold(hash)
    }
    private static let seed: UInt32 = 0x811C_9DC5
    private static func mix(_ hash: UInt32, _ byte: UInt8) -> UInt32 {
        (hash ^ UInt32(byte)) &* 0x0100_0193
    }
    private static func fold(_ hash: UInt32) -> Int {
        Int((hash ^ (hash >> 16)) & UInt32(bitCount - 1))
    }
}

/// A set of words with a ``WordFilter`` in front: most words asked about are in none of the small
/// sets a line is checked against, and the filter says so without hashing the word.
struct FilteredWordSet: Sendable {
    let words: Set<String>
    private let filter: WordFilter

    init(_ words: Set<String>) {
        self.words = words
        self.filter = WordFilter(words, bytes: Int.max)
    }

    func contains(_ word: String) -> Bool { filter.mayHold(word) && words.contains(word) }
}
