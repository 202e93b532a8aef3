import Foundation
import MagnesiumKnowledge
import MagnesiumText
import Synchronization

/// A topic named in the question, and where.
public struct TopicMention: Sendable, Hashable {
    public var topicID: String
    /// Token positions the mention covers.
    public var range: Range<Int>
}

/// A spelling correction made while reading the question.
public struct Correction: Sendable, Hashable {
    public var from: String
    public var to: String
}

/// What the matcher made of one line: words, corrections, topics and intent scores.
public struct Understanding: Sendable {
    public var tokens: [Token] {
        didSet {
            normalized = Self.joined(tokens)
            answersAhead = nil
            mentionsAreOfTheTokens = false
            topicsOfClauses = nil
            ownWordKeys = nil
            otherAmounts = []
        }
    }
    public var corrections: [Correction]
    public var mentions: [TopicMention] {
        didSet {
            topicIDs = Self.distinctTopics(mentions)
            answersAhead = nil
            mentionsAreOfTheTokens = false
            topicsOfClauses = nil
            ownWordKeys = nil
        }
    }
    /// True when `mentions` are what ``Understander/understand(_:)`` found in `tokens`, so the
    /// answers' index may take them instead of finding them again.
    var mentionsAreOfTheTokens = false
    /// Each clause's topics as ``Understander/understand(_:)`` found them in its words, in a line
    /// of several clauses (nil for a clause of one word); nil when the tokens, mentions or
    /// clauses changed since, so the answers' index takes them only while they are true.
    var topicsOfClauses: [[String]?]?
    /// ``Understander/ownWordKeys(_:)`` as read with the line; nil when the tokens or mentions
    /// changed since. Several steps of a turn ask for them, each of which worked them out anew.
    var ownWordKeys: [String]?
    /// The topics mentioned, each once, in order of first mention (asked for often, so kept).
    public private(set) var topicIDs: [String]
    /// Intents with their scores in 0...1, best first.
    public var ranked: [(intent: String, score: Double)]
    /// Content words that are in no vocabulary the assistant knows.
    public var unknownWords: [String]
    /// True when the line asks something: a question mark, or a clause that opens like a question.
    public var asksSomething = false
    /// Misspelt words that are equally close to several known words, with those words.
    public var ambiguousWords: [(typed: String, candidates: [String])] = []
    /// The token ranges of the line's clauses, in order.
    public var clauses: [Range<Int>] = [] {
        didSet {
            answersAhead = nil
            topicsOfClauses = nil
        }
    }
    /// The answers ranked ahead for this line (see ``Understander/rankAnswersAhead(_:)``).
    var answersAhead: AnswersAhead?
    /// Another line read ahead beside this one: the line before it and this one read together,
    /// which a follow-up may lean on. Whoever uses it checks its text.
    package var readAlongside: TextUnderstood?
    /// A young child's age said in months, weeks or days; its words read as "baby" in `tokens`.
    public var youngAge: YoungAge?
    /// The places of the numbers and units of amounts that measure something other than
    /// magnesium ("vitamin c, i take 1000mg"), which the answers are not scored on; found by
    /// whoever reads the amounts, and cleared when the tokens change.
    public var otherAmounts: Set<Int> = [] {
        didSet { if !otherAmounts.isEmpty { answersAhead = nil } }
    }
    /// What the red-flag reader found: the emergencies reported, and those only talked about.
    public internal(set) var redFlags = RedFlagReading()
    /// How strongly the line breaks before each token (punctuation and joining words), for the
    /// red-flag reader.
    package var breaks: [RedFlagReader.Break] = []

    public init(
        tokens: [Token], corrections: [Correction], mentions: [TopicMention],
        ranked: [(intent: String, score: Double)], unknownWords: [String]
    ) {
        self.tokens = tokens
        self.normalized = Self.joined(tokens)
        self.corrections = corrections
        self.mentions = mentions
        self.topicIDs = Self.distinctTopics(mentions)
        self.ranked = ranked
        self.unknownWords = unknownWords
    }

    private static func distinctTopics(_ mentions: [TopicMention]) -> [String] {
        var topics: [String] = []
        for mention in mentions where !topics.contains(mention.topicID) {
            topics.append(mention.topicID)
        }
        return topics
    }

    /// The words, joined by single spaces: worked out with the tokens, since several steps of a
    /// turn (and the line after, which may lean on it) ask for it.
    public private(set) var normalized: String

    private static func joined(_ tokens: [Token]) -> String {
        tokens.map(\.text).joined(separator: " ")
    }
    public var best: (intent: String, score: Double)? { ranked.first }
    public func score(of intent: String) -> Double {
        ranked.first { $0.intent == intent }?.score ?? 0
    }
    public func hasWord(_ word: String) -> Bool { tokens.contains { $0.text == word } }
}

/// A text and what ``Understander/understand(_:)`` made of it.
package final class TextUnderstood: Sendable {
    package let text: String
    package let understanding: Understanding

    package init(text: String, understanding: Understanding) {
        self.text = text
        self.understanding = understanding
    }
}

/// Reads a line: normalises it, corrects spelling, finds topics by alias and scores intents
/// against the example phrasings in `Knowledge/intents.yaml`.
public final class Understander: Sendable {
    package let graph: Graph
    /// What the matcher derives from the graph; the compiled cache stores it so a start-up skips
    /// building it.
    let tables: Tables
    private let corrector: SpellingCorrector
    /// Reads each line for emergencies (see ``RedFlagReader``).
    private let redFlagReader: RedFlagReader
    /// Aliases that share a first word with many others, by their whole keys (see ``AliasIndex``).
    private let aliasIndex: AliasIndex
    /// Corrections already worked out: real typos repeat, and the scan over the vocabulary is the
    /// costly part.
    private let correctionMemo = CorrectionMemo()
    private let scoringScratch = ScoringScratch()
    /// A scratch of its own for the answers' index: sized to its examples, not the intents'.
    private let answerScratch = ScoringScratch()
    /// Answer scores by query (see ``ScoreMemo``): every answer's score, several KB a query, so
    /// few queries. A line asked again comes from ``lineMemo``; what this keeps is a clause or a
    /// line read twice within a few questions: a batch ran no faster with 256 than with 64, and
    /// 256 may hold 2 MB more.
    private let answerScoreMemo = ScoreMemo<AnswerQuery>(capacity: 64)
    /// Intent scores by features: a few dozen intents' scores each, so more of them.
    private let intentScoreMemo = ScoreMemo<IntentClassifier.Phrase>(capacity: 512)
    /// Lines read, by their text: a question asked again (batch input repeats questions) is
    /// not read again. A few kilobytes a line.
    private let lineMemo = Memo<String, Understanding>(capacity: 256)
    /// Red flags of two lines read as one, by their words: a line with a symptom is read with the
    /// person's situations ("i have pregnant and kidney disease.") on every turn, with the same
    /// words when the line comes again.
    private let redFlagMemo = Memo<RedFlagQuery, RedFlagReading>(capacity: 256)
    /// The intents (by position in the file) a topic is home to, itself or through its kind,
    /// for the home-topic preference.
    private let homeIntentsOfTopic: [String: [Int]]
    /// Intents that answer about a subject (not commands or small talk), by position in the file.
    private let answersAboutSubject: [Bool]
    /// Each designed answer's topics and needs, in answer order.
    private let answerTopics: AnswerTopicTable
    /// Whether each of ``answerTopics``' topics, by number, is a group of people.
    private let answerTopicIsGroup: [Bool]
    /// The answers' needs (``AnswerTopicTable/needs``) in one column, answer `a`'s at
    /// `answerNeeds[answerNeedStart[a]..<answerNeedStart[a + 1]]`: every question checks the needs
    /// of a few hundred answers, and a list per answer is retained and released at each look.
    private let answerNeedStart: [Int]
    private let answerNeeds: [Int]
    /// The answers' index's `|example|^(2 - q)` for ``answerQueryShare``, worked out once.
    private let answerScale: IntentClassifier.ShareScale
    /// The answers' index's examples by answer, for scoring queries that touch most of them.
    private let answerRuns: IntentClassifier.OwnerRuns?
    /// The intents' examples by intent, likewise: a long line's common words touch most of them.
    private let intentRuns: IntentClassifier.OwnerRuns?
    /// Which answers' wordings hold each word of the answers' index: whether one does is asked
    /// of the best answers on most lines, and walking the word's postings to find out walked
    /// thousands for a common word.
    private let answerWordOwners: IntentClassifier.FeatureOwners

    /// The synonym phrases' first words, to pass by most words without hashing them.
    private let synonymFirstWords: WordFilter

    /// Words the answers' index reads past.
    private let stopWords: Set<String>

    /// How telling the rarest word of the answers' wordings is (the largest idf), found once.
    public let rarestWordWeight: Double

    /// Each article claim's keywords as stemmed word lists, in claim order.
    public var claimKeywordKeys: [[[String]]] { tables.claimKeywordKeys }
    /// Single words that negate a statement about oneself.
    public var negationWords: Set<String> { tables.negationWords }
    /// The lexicon's leading-question endings as word lists ("doesn't it" → does, not, it).
    public var leadingTagWords: [[String]] { tables.leadingTagWords }

    public convenience init(graph: Graph) {
        self.init(graph: graph, tables: Tables(graph: graph))
    }

    /// A matcher from tables built earlier for this same graph (see ``CompiledGraph``), and what
    /// was worked out from them already (made here when nil).
    package init(graph: Graph, tables: Tables, prepared: Prepared? = nil) {
        self.graph = graph
        self.tables = tables
        let prepared = prepared ?? Prepared(tables: tables)
        self.corrector = prepared.corrector
        self.redFlagReader = prepared.redFlagReader
        self.aliasIndex = prepared.aliasIndex
        self.synonymFirstWords = prepared.synonymFirstWords
        self.answerScale = prepared.answerScale
        self.answerRuns = prepared.answerRuns
        self.intentRuns = prepared.intentRuns
        self.answerNeeds = prepared.answerNeeds
        self.answerNeedStart = prepared.answerNeedStart
        self.answerWordOwners = prepared.answerWordOwners
        var byTopic: [String: Set<Int>] = [:]
        var byKind: [String: Set<Int>] = [:]
        for (index, intent) in graph.intents.enumerated() {
            for topic in intent.homeTopics { byTopic[topic, default: []].insert(index) }
            for kind in intent.homeKinds { byKind[kind, default: []].insert(index) }
        }
        var homes: [String: [Int]] = [:]
        for topic in graph.topics {
            let intents = byTopic[topic.id, default: []].union(byKind[topic.kind, default: []])
            if !intents.isEmpty { homes[topic.id] = intents.sorted() }
        }
        self.homeIntentsOfTopic = homes
        self.answersAboutSubject = graph.intents.map { !$0.answers.isEmpty }
        self.stopWords = Set(graph.lexicon.stopWords.flatMap(Normalizer.words))
        self.rarestWordWeight = tables.answerClassifier.idf.max() ?? 0
        self.answerTopics = tables.answerTopics
        self.answerTopicIsGroup = tables.answerTopics.topicIDs.map {
            graph.kind(ofTopic: $0) == "group"
        }
    }

    /// What a matcher works out from its tables alone. A start-up from the compiled cache makes it
    /// while the graph is still being decoded on another thread, rather than after.
    package struct Prepared: Sendable {
        let corrector: SpellingCorrector
        let redFlagReader: RedFlagReader
        let aliasIndex: AliasIndex
        let synonymFirstWords: WordFilter
        let answerScale: IntentClassifier.ShareScale
        let answerRuns: IntentClassifier.OwnerRuns?
        let intentRuns: IntentClassifier.OwnerRuns?
        let answerNeeds: [Int]
        let answerNeedStart: [Int]
        let answerWordOwners: IntentClassifier.FeatureOwners

        package init(tables: Tables) {
            // The spelling corrector is a large part of making the matcher, and independent of
            // the rest: on a thread of its own.
            let corrector = SecondThread {
                SpellingCorrector(knownWords: tables.knownWords, targets: tables.correctionTargets)
            }
            redFlagReader = RedFlagReader(tables: tables.redFlags)
            aliasIndex = AliasIndex(tables.aliases)
            synonymFirstWords = WordFilter(tables.synonyms.keys, bytes: Int.max)
            answerScale = tables.answerClassifier.shareScale(
                queryShare: Understander.answerQueryShare)
            answerRuns = tables.answerClassifier.ownerRuns()
            answerWordOwners = tables.answerClassifier.featureOwners()
            intentRuns = tables.classifier.ownerRuns()
            answerNeeds = tables.answerTopics.needs.flatMap { $0 }
            answerNeedStart = tables.answerTopics.needs.reduce(into: [0]) {
                $0.append($0.last! + $1.count)
            }
            self.corrector = corrector.result()
        }
    }

    /// What each topic is a form of, nearest first, for the topics that are forms of something.
    static func lineage(of graph: Graph) -> [String: [String]] {
        var lineage: [String: [String]] = [:]
        for topic in graph.topics {
            let parents = topic.relations.filter { $0.type == .formOf }.map(\.to)
            if !parents.isEmpty { lineage[topic.id] = parents }
        }
        return lineage
    }

    /// Each designed answer's topics and needs. An answer is about its own topics and every topic
    /// its questions name; a topic most of its questions name is one it needs the question to be
    /// about. Both are read off the answers' index.
    static func answerTopicTable(
        graph: Graph, answerClassifier index: IntentClassifier, aliases: [String: [AliasRule]]
    ) -> AnswerTopicTable {
        var answerTopics = graph.answers.map { AnswerTopics(topics: Set($0.topicIDs), needs: []) }
        var questionCount = [Int](repeating: 0, count: graph.answers.count)
        for owner in index.exampleIntent where owner < questionCount.count {
            questionCount[owner] += 1
        }
        for (word, feature) in index.wordID
        where word.hasPrefix("@") && feature + 1 < index.postingStart.count {
            let topic = String(word.dropFirst())
            var naming = [Int: Int]()
            for position in index.postingStart[feature]..<index.postingStart[feature + 1] {
                let answer = index.exampleIntent[Int(index.postingExample[position])]
                if answer < answerTopics.count { naming[answer, default: 0] += 1 }
            }
            for (answer, count) in naming {
                answerTopics[answer].topics.insert(topic)
                if count * 10 >= questionCount[answer] * 6 && graph.kind(ofTopic: topic) != "group"
                {
                    answerTopics[answer].needs.insert(topic)
                }
            }
        }
        var names: [String: [[String]]] = [:]
        // In key order, so that the same graph gives the same table (and cache bytes).
        for (_, rules) in aliases.sorted(by: { $0.key < $1.key }) {
            for rule in rules { names[rule.topicID, default: []].append(rule.keys) }
        }
        return AnswerTopicTable(
            graph: graph, answers: answerTopics, lineage: lineage(of: graph), names: names)
    }

    /// A phrase rule: the words (or word keys) it starts with, longest rules first under each first
    /// word.
    struct SynonymRule: Sendable, Equatable {
        var words: [String]
        var replacement: [String]
    }

    /// Alias rules whose first key many aliases share ("magnesium citrate", "magnesium oxide", …),
    /// by their whole keys: a mention is then found with one look-up per alias length instead of a
    /// scan of every alias with that first word, which made `check` (every alias read once)
    /// quadratic.
    struct AliasIndex: Sendable {
        /// Buckets up to this size are scanned, as before: building keys would cost more.
        static let scanLimit = 16
        struct Bucket: Sendable {
            var lengths: [Int]
            var byKeys: [[String]: AliasRule]
        }
        var buckets: [String: Bucket] = [:]

        init(_ aliases: [String: [AliasRule]]) {
            for (first, rules) in aliases where rules.count > Self.scanLimit {
                var bucket = Bucket(lengths: [], byKeys: [:])
                // The first rule with given keys wins, as in the scan.
                for rule in rules where bucket.byKeys[rule.keys] == nil {
                    bucket.byKeys[rule.keys] = rule
                    if !bucket.lengths.contains(rule.keys.count) {
                        bucket.lengths.append(rule.keys.count)
                    }
                }
                bucket.lengths.sort(by: >)
                buckets[first] = bucket
            }
        }
    }

    struct AliasRule: Sendable, Equatable {
        var keys: [String]
        var topicID: String
        /// The `#kind` token that stands for the topic when intents are scored.
        var placeholder: String
    }

    /// Everything the matcher derives from a graph, as plain values.
    package struct Tables: Sendable, Equatable {
        /// Synonym phrases by their first word (exact words), longest first.
        var synonyms: [String: [SynonymRule]]
        /// Alias phrases by the key of their first word, longest first.
        var aliases: [String: [AliasRule]]
        /// Words never corrected, and the words a misspelling may be corrected to; both sorted.
        var knownWords: [String]
        var correctionTargets: [String]
        /// The red-flag reader's phrases, patterns and rules.
        var redFlags: RedFlagTables
        var claimKeywordKeys: [[[String]]]
        var negationWords: Set<String>
        var leadingTagWords: [[String]]
        var classifier: IntentClassifier
        /// The designed answers' questions, indexed as the intents' examples are.
        var answerClassifier: IntentClassifier
        /// Each designed answer's topics and needs, read off `answerClassifier` and the aliases.
        var answerTopics: AnswerTopicTable
    }

    /// First words that make a clause a question ("can I...", "is it...").
    private static let questionOpeners = FilteredWordSet([
        "what", "why", "how", "when", "which", "where", "who", "whats", "can", "could", "should",
        "shall", "is", "are", "does", "do", "did", "will", "would", "any",
    ])
    private static func isClauseEnd(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ",", ";", ".", "?", "!", ":", "\n", "\u{2013}", "\u{2014}": return true
        default: return false
        }
    }

    /// Words that open a follow-up before what it asks.
    private static let leadInWords = FilteredWordSet([
        "and", "so", "ok", "okay", "but", "also", "or", "then", "well", "right", "alright", "oh",
        "hmm", "um", "sorry", "plus",
    ])
    private static let whWords = FilteredWordSet([
        "what", "why", "how", "when", "which", "where", "who", "whats",
    ])
    /// Words that join clauses: "I'm 45 and my calves cramp, how much should I take?" is read
    /// clause by clause too.
    private static let clauseJoiners = FilteredWordSet([
        "and", "but", "so", "because", "cause", "cos", "though", "although", "anyway", "also",
    ])

    /// Where a question starts after a statement about oneself with no punctuation between them
    /// ("im pregnant can i take it", "i have kidney disease is it safe"): people often type no
    /// comma, and the line is then read as two clauses, as it is with one. Only a clause that opens
    /// as a statement about the person, and a question word followed by whom or what it asks
    /// about, count: "how much magnesium can i take" stays one question.
    static func unpunctuatedQuestionStarts(_ tokens: [Token], clauseStarts: [Int]) -> [Int] {
        guard tokens.count >= 4 else { return [] }
        var starts: [Int] = []
        var clauseStart = 0
        var nextStart = 1
        for index in 2..<(tokens.count - 1) {
            while nextStart < clauseStarts.count, clauseStarts[nextStart] <= index {
                clauseStart = clauseStarts[nextStart]
                nextStart += 1
            }
            guard index - clauseStart >= 2, yesNoOpeners.contains(tokens[index].text),
                questionSubjects.contains(tokens[index + 1].text),
                statementOpeners.contains(tokens[clauseStart].text)
                    || Int(tokens[clauseStart].text) != nil
            else { continue }
            starts.append(index)
            clauseStart = index
        }
        return starts
    }

    package static let yesNoOpeners: Set<String> = [
        "can", "could", "should", "is", "are", "does", "do", "will", "would", "may", "am",
    ]
    private static let questionSubjects: Set<String> = [
        "i", "it", "we", "you", "she", "he", "they", "magnesium", "that", "this", "glycinate",
        "bisglycinate", "my",
    ]
    /// How a statement about oneself opens: "i", "im", "my", "pregnant".
    package static let statementOpeners: Set<String> = [
        "i", "im", "ive", "my", "pregnant", "currently", "been",
    ]

    /// Reads a line of user input: clauses, spelling, synonyms, topic mentions, intent scores and
    /// red flags, in that order.
    public func understand(_ line: String) -> Understanding {
        lineMemo.value(of: line, workOut: read)
    }

    /// ``understand(_:)`` worked out.
    private func read(_ line: String) -> Understanding {
        var (tokens, clauseStarts, breakAt) = Self.splitIntoClauses(line)
        let spelling = correctSpelling(&tokens)
        for (index, token) in tokens.enumerated()
        where index > 0 && Self.clauseJoiners.contains(token.text) {
            clauseStarts.append(index)
            if breakAt[index] == nil { breakAt[index] = .joiner }
        }
        // Punctuation's starts, then the joiners': in order for the walk below.
        clauseStarts.sort()
        for index in Self.unpunctuatedQuestionStarts(tokens, clauseStarts: clauseStarts) {
            clauseStarts.append(index)
            if breakAt[index] == nil { breakAt[index] = .joiner }
        }
        let (clauses, breaks, youngAge) = applySynonyms(&tokens, clauseStarts, breakAt)
        // "I'm pregnant, leg cramps every night": no name runs across a comma or full stop
        // ("pregnant leg cramps" would swallow the pregnancy).
        let punctuatedBefore = breaks.indices.filter {
            breaks[$0].rawValue >= RedFlagReader.Break.clause.rawValue
        }
        let (keys, allMentions) = Self.replaceMentions(
            tokens[...], aliases: tables.aliases, index: aliasIndex,
            breaksBefore: punctuatedBefore)
        let mentions = allMentions.filter { !namesAGroupOnceBelongedTo($0, in: tokens) }
        let features = IntentClassifier.Phrase(keys: keys, topics: mentions.map(\.topicID))
        // In a short question the topic is most of what was said ("what dose?", "upper limit?"):
        // its intent counts more.
        var scores = intentScores(features)
        preferHomeIntents(
            &scores, mentions: mentions,
            bonus: tokens.count <= 3 ? Self.shortQuestionHomeBonus : Self.homeTopicBonus)
        let topicsOfClauses =
            clauses.count > 1 ? raiseByClauses(&scores, tokens: tokens, clauses: clauses) : nil
        let ranked = tables.classifier.ranked(scores)
        var understanding = Understanding(
            tokens: tokens, corrections: spelling.corrections, mentions: mentions, ranked: ranked,
            unknownWords: spelling.unknown)
        understanding.ambiguousWords = spelling.ambiguous
        understanding.mentionsAreOfTheTokens = true
        understanding.youngAge = youngAge
        understanding.clauses = clauses
        understanding.topicsOfClauses = topicsOfClauses
        understanding.breaks = breaks
        understanding.redFlags = redFlagReader.read(tokens: tokens, breaks: breaks)
        // An emergency only talked about ("I had chest pain last year", "does it help
        // palpitations?") is not one: the phrasing that resembles an emergency report must not
        // raise the alarm either.
        if understanding.redFlags.fired.isEmpty
            && (!understanding.redFlags.held.isEmpty || understanding.redFlags.hedged)
        {
            understanding.ranked.removeAll { $0.intent == Self.urgentIntent }
        }
        understanding.asksSomething = Self.asksSomething(line, tokens: tokens, clauses: clauses)
        understanding.ownWordKeys = ownWordKeys(understanding)
        return understanding
    }

    /// "When I was pregnant", "I used to faint a lot as a teen": a group someone was in once is not
    /// whom the question is for. "As a teen, can I take it?" says who asks now.
    private func namesAGroupOnceBelongedTo(_ mention: TopicMention, in tokens: [Token]) -> Bool {
        guard graph.isAudienceTopic(mention.topicID) else { return false }
        let before = tokens[max(0, mention.range.lowerBound - 4)..<mention.range.lowerBound].map(
            \.text)
        let wasIn = before.indices.dropLast(2).contains { at in
            before[at] == "when" && Self.thirdAndFirstPersons.contains(before[at + 1])
                && ["was", "were"].contains(before[at + 2])
        }
        let usedTo =
            (before.suffix(2) == ["as", "a"] || before.suffix(2) == ["as", "an"])
            && zip(tokens, tokens.dropFirst()).contains { $0.text == "used" && $1.text == "to" }
        return wasIn || usedTo
    }

    private static let thirdAndFirstPersons: Set<String> = ["i", "he", "she", "we", "you"]

    /// The line's words, where each clause starts, and how strongly the line breaks there (a full
    /// stop more than a comma, a comma more than "and"). Punctuation marks clause ends; it is gone
    /// once the line is normalised, so clauses are found first.
    private static func splitIntoClauses(_ line: String) -> (
        tokens: [Token], starts: [Int], breakAt: [Int: RedFlagReader.Break]
    ) {
        var tokens: [Token] = []
        var clauseStarts: [Int] = [0]
        var breakAt: [Int: RedFlagReader.Break] = [:]
        var pendingBreak = RedFlagReader.Break.none
        let scalars = line.unicodeScalars
        var clauseStart = scalars.startIndex
        var index = scalars.startIndex
        var previous: Unicode.Scalar?
        while true {
            let atEnd = index == scalars.endIndex
            if !atEnd {
                let scalar = scalars[index]
                defer { previous = scalar }
                guard isClauseEnd(scalar) else {
                    index = scalars.index(after: index)
                    continue
                }
                // A decimal point or thousands comma between digits ("0.3 g", "1,000 mg") ends
                // nothing.
                let next = scalars.index(after: index)
                if scalar == "." || scalar == ",", let previous,
                    previous.properties.numericType != nil,
                    next < scalars.endIndex, scalars[next].properties.numericType != nil
                {
                    index = next
                    continue
                }
            }
            let words = Normalizer.tokens(String(scalars[clauseStart..<index]))
            if !words.isEmpty {
                if !tokens.isEmpty {
                    clauseStarts.append(tokens.count)
                    breakAt[tokens.count] = pendingBreak
                    tokens += words
                } else {
                    // The first clause's words are taken as they are, not copied token by token.
                    tokens = words
                }
                pendingBreak = .none
            }
            if atEnd { break }
            let kind = breakKind(scalars[index])
            if kind.rawValue > pendingBreak.rawValue { pendingBreak = kind }
            index = scalars.index(after: index)
            clauseStart = index
        }
        return (tokens, clauseStarts, breakAt)
    }

    /// Replaces each misspelt word by its correction; the words with no correction, and those
    /// with several, are kept aside.
    private func correctSpelling(_ tokens: inout [Token]) -> (
        corrections: [Correction], unknown: [String],
        ambiguous: [(typed: String, candidates: [String])]
    ) {
        var corrections: [Correction] = []
        var unknown: [String] = []
        var ambiguous: [(typed: String, candidates: [String])] = []
        // A pasted wall of text repeats its words: correct each distinct word once.
        var memo: [String: [String]] = [:]
        for i in tokens.indices where !tokens[i].isNumber {
            let word = tokens[i].text
            if corrector.isKnown(word) { continue }
            let candidates: [String]
            if let known = memo[word] {
                candidates = known
            } else {
                candidates = correctionMemo.corrections(for: word, using: corrector)
                memo[word] = candidates
            }
            if candidates.count > 1 && !ambiguous.contains(where: { $0.typed == word }) {
                ambiguous.append((word, candidates))
            }
            if let fixed = candidates.first {
                corrections.append(Correction(from: word, to: fixed))
                tokens[i] = Token(text: fixed)
                tokens[i].correctedFrom = word
            } else if word.count > 2 {
                unknown.append(word)
            }
        }
        return (corrections, unknown, ambiguous)
    }

    /// Synonyms apply within each clause, so the clause boundaries stay where they were; returns
    /// the clauses and breaks in the new token positions, and a young child's age if one is said.
    private func applySynonyms(
        _ tokens: inout [Token], _ clauseStarts: [Int], _ breakAt: [Int: RedFlagReader.Break]
    ) -> (clauses: [Range<Int>], breaks: [RedFlagReader.Break], youngAge: YoungAge?) {
        let oldClauses = clauseRanges(starts: clauseStarts, count: tokens.count)
        var youngAge: YoungAge?
        let clauseTokens = oldClauses.map { range in
            let words = Self.applySynonyms(
                Array(tokens[range]), tables.synonyms, firstWords: synonymFirstWords)
            // "my 3 month old" is said of a baby and read as one; the age itself is kept aside.
            guard YoungAge.mayBeSaid(in: words) else { return words }
            if youngAge == nil { youngAge = YoungAge.first(in: words.map(\.text)) }
            return YoungAge.readingAges(words[...])
        }
        // One clause (most lines) is the line: no copy of it.
        tokens = clauseTokens.count == 1 ? clauseTokens[0] : clauseTokens.flatMap { $0 }
        var clauses: [Range<Int>] = []
        var breaks = [RedFlagReader.Break](repeating: .none, count: tokens.count)
        var start = 0
        for (clause, old) in zip(clauseTokens, oldClauses) {
            if start < breaks.count { breaks[start] = breakAt[old.lowerBound] ?? .none }
            clauses.append(start..<(start + clause.count))
            start += clause.count
        }
        return (clauses, breaks, youngAge)
    }

    /// A question mark, or a clause that opens as a question: "can I...", "is it...", "so
    /// what...", "ok how..." do; "I am..." does not.
    private static func asksSomething(_ line: String, tokens: [Token], clauses: [Range<Int>])
        -> Bool
    {
        line.utf8.contains(UInt8(ascii: "?"))
            || clauses.contains { range in
                // "and is it better at night", "ok so can I...": the words that lead into a
                // follow-up come before its question word.
                let clause = tokens[range].drop(while: { leadInWords.contains($0.text) })
                guard let first = clause.first?.text else { return false }
                let second = clause.dropFirst().first?.text
                // "can't stop vomiting", "couldn't sleep": a negated auxiliary opens a statement
                // ("why not ...?" still asks, "why" being no auxiliary).
                if second == "not" && !whWords.contains(first) { return false }
                return questionOpeners.contains(first)
                    || (second.map { whWords.contains($0) } ?? false)
                    || reportsASuggestion(clause)
            }
    }

    /// "My mum says give him magnesium", "the gym guy told me to try ZMA": advice passed on is
    /// passed on to be checked, which asks whether to follow it.
    private static func reportsASuggestion(_ clause: ArraySlice<Token>) -> Bool {
        guard let said = clause.firstIndex(where: { reportingWords.contains($0.text) }) else {
            return false
        }
        return clause[(said + 1)...].prefix(3).contains { suggestedWords.contains($0.text) }
    }

    private static let reportingWords: Set<String> = [
        "says", "said", "told", "reckons", "recommends", "recommended", "suggested", "suggests",
    ]
    private static let suggestedWords: Set<String> = ["give", "take", "try", "use", "start"]

    private func clauseRanges(starts: [Int], count: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        // The line's end sorts among the starts: none is past it, and one past it would be
        // skipped wherever it came.
        var ends = starts
        ends.append(count)
        ends.sort()
        for end in ends where end > start && end <= count {
            ranges.append(start..<end)
            start = end
        }
        return ranges
    }

    /// Each intent's score is its best over the whole line and over each clause of two or more
    /// words, so a long message's question clause is not drowned by its story. Returns each
    /// clause's topics (nil for a clause of one word), which the answers' index is scored on too.
    private func raiseByClauses(_ scores: inout [Double], tokens: [Token], clauses: [Range<Int>])
        -> [[String]?]
    {
        var topicsOfClauses: [[String]?] = []
        topicsOfClauses.reserveCapacity(clauses.count)
        for range in clauses {
            guard range.count >= 2 else {
                topicsOfClauses.append(nil)
                continue
            }
            let (keys, mentions) = Self.replaceMentions(
                tokens[range], aliases: tables.aliases, index: aliasIndex)
            let topics = mentions.map(\.topicID)
            topicsOfClauses.append(topics)
            let features = IntentClassifier.Phrase(keys: keys, topics: topics)
            var clauseScores = intentScores(features)
            preferHomeIntents(&clauseScores, mentions: mentions)
            // Only questions about the subject gain from a clause: a short "and?" or "why is this"
            // inside a long message is not a follow-up command.
            for intent in clauseScores.indices
            where clauseScores[intent] > scores[intent] && answersAboutSubject[intent] {
                scores[intent] = clauseScores[intent]
            }
        }
        return topicsOfClauses
    }

    /// The intents' scores for a line's or a clause's features, worked out or remembered (see
    /// ``ScoreMemo``): a line read together with the one before holds that line's clauses.
    private func intentScores(_ features: IntentClassifier.Phrase) -> [Double] {
        intentScoreMemo.value(of: features) {
            tables.classifier.scores($0, scratch: scoringScratch, scale: nil, runs: intentRuns)
        }
    }

    /// Designed answers ranked against the question, best first: each answer's best over the whole
    /// line and over each clause, so a long message's question clause is not drowned by its story.
    ///
    /// `focus` is the topic the conversation is about: a question that names no topic is read as
    /// being about it, a pronoun ("is it safe?") standing for its name.
    public func rankedAnswers(_ understanding: Understanding, focus: String? = nil)
        -> [RankedAnswer]
    {
        guard !tables.answerClassifier.intentIDs.isEmpty else { return [] }
        let ahead = understanding.answersAhead
        let queries = answerQueries(understanding, focus: focus)
        if let ahead, ahead.queries == queries { return ahead.ranked }
        return tables.answerClassifier.rankedPlaces(bestScores(queries, ahead: ahead).best)
    }

    /// Whether the line's own words (its words outside the topics it names, but for stop words)
    /// are among the wordings of the answer at `place`, or it has no such words. "Does magnesium
    /// glycinate cause acne?" finds the answer on whether glycinate is safe through the topic
    /// alone: none of its own words ("cause", "acne") is in that answer's wordings.
    public func answer(_ place: Int, isWordedLike understanding: Understanding) -> Bool {
        let keys = ownWordKeys(understanding)
        return keys.isEmpty || keys.contains { answer(place, hasWord: $0) }
    }

    /// Whether the line's own words (outside the topics it names) point to each of two intents
    /// apart: some telling word is in the wordings of the first and not the second, and some
    /// word the other way round ("is it safe, or does it interact with my pills?"). A word both
    /// share ("eat") tells them apart no more than no word does.
    public func intents(
        _ first: String, _ second: String, wordedApartIn understanding: Understanding
    )
        -> Bool
    {
        let classifier = tables.classifier
        guard let one = classifier.intentIDs.firstIndex(of: first),
            let other = classifier.intentIDs.firstIndex(of: second)
        else { return false }
        var (forFirst, forSecond) = (false, false)
        // Only a telling word counts: "not" or "anything" is in the wordings of many intents, and
        // names no reading whichever intents happen to hold it.
        let telling = log(1 + Self.tellingWordShare)
        let mentioned = understanding.mentionsAreOfTheTokens ? understanding.mentions : []
        for (index, token) in understanding.tokens.enumerated()
        where !token.isNumber && !stopWords.contains(token.text)
            && !Self.wordsNamingNoReading.contains(token.text)
            && !mentioned.contains(where: { $0.range.contains(index) })
        {
            guard let feature = classifier.wordID[token.key], classifier.idf[feature] >= telling
            else { continue }
            var marks = [Bool](repeating: false, count: classifier.intentIDs.count)
            classifier.markOwners(hasWord: token.key, in: &marks)
            if marks[one] && !marks[other] { forFirst = true }
            if marks[other] && !marks[one] { forSecond = true }
        }
        return forFirst && forSecond
    }

    /// A word tells intents apart when at most one intent in this many has it in its wordings.
    static let tellingWordShare = 4.0
    /// Words that point to no reading of a line: negations, quantifiers, pronouns.
    static let wordsNamingNoReading: Set<String> = [
        "not", "no", "never", "any", "anything", "anyone", "some", "something", "someone", "all",
        "everything", "nothing", "every", "each", "other", "another", "thing", "things", "stuff",
        "really", "just", "very", "even", "still", "also", "too",
    ]

    /// The keys of the line's own words: its words outside the topics it names, but for numbers
    /// and stop words.
    public func ownWordKeys(_ understanding: Understanding) -> [String] {
        if let read = understanding.ownWordKeys { return read }
        let mentioned = understanding.mentionsAreOfTheTokens ? understanding.mentions : []
        return understanding.tokens.indices.compactMap { index in
            let token = understanding.tokens[index]
            return !token.isNumber && !stopWords.contains(token.text)
                && !mentioned.contains(where: { $0.range.contains(index) }) ? token.key : nil
        }
    }

    /// ``answer(_:isWordedLike:)`` for every answer at once, by place: the postings of the line's
    /// own words are read once, where asking answer by answer reads them once per answer.
    public func answersWordedLike(_ understanding: Understanding) -> [Bool] {
        let classifier = tables.answerClassifier
        let keys = ownWordKeys(understanding)
        var worded = [Bool](repeating: keys.isEmpty, count: classifier.intentIDs.count)
        for key in keys { classifier.markOwners(hasWord: key, in: &worded) }
        return worded
    }

    /// Whether the answer at `place` is about `topic`: its own topics and every topic its
    /// questions name.
    public func answer(_ place: Int, isAbout topic: String) -> Bool {
        guard let number = answerTopics.numberOfTopic[topic], place >= 0 else { return false }
        let index = place * answerTopics.wordsPerSet + number / 64
        guard index < answerTopics.answerBits.count else { return false }
        return answerTopics.answerBits[index] & (1 << UInt64(number % 64)) != 0
    }

    /// Whether the answer at `place` has the word `key` (a token's ``Token/key``) in its wordings.
    public func answer(_ place: Int, hasWord key: String) -> Bool {
        guard let feature = tables.answerClassifier.wordID[key] else { return false }
        return answerWordOwners.owner(place, hasFeature: feature)
    }

    /// How telling the word `key` is among the answers' wordings (its idf), or nil when no
    /// answer's wordings have it.
    public func answerWeight(ofWord key: String) -> Double? {
        tables.answerClassifier.wordID[key].map { tables.answerClassifier.idf[$0] }
    }

    /// Whether `word` is a stop word of the lexicon ("the", "my", "does").
    public func isStopWord(_ word: String) -> Bool { stopWords.contains(word) }

    /// The score of the first answer ``rankedAnswers(_:focus:)`` ranks, 0 for none, without
    /// ranking them: a ranking read ahead is often scored again with the focus, and those that
    /// only need the best score (whether a line may lean on the one before) skip the sort.
    public func bestAnswerScore(_ understanding: Understanding, focus: String? = nil) -> Double {
        guard !tables.answerClassifier.intentIDs.isEmpty else { return 0 }
        return bestScores(understanding, focus: focus).reduce(0) { $1 > $0 ? $1 : $0 }
    }

    /// Each answer's best score over ``answerQueries(_:focus:features:)``.
    private func bestScores(_ understanding: Understanding, focus: String?) -> [Double] {
        let ahead = understanding.answersAhead
        let queries = answerQueries(understanding, focus: focus)
        // Read ahead with the same queries: the same scores.
        if let ahead, ahead.queries == queries { return ahead.best }
        return bestScores(queries, ahead: ahead).best
    }

    /// ``answerQueries(_:focus:features:)`` on the line's features, read ahead or read now.
    private func answerQueries(_ understanding: Understanding, focus: String?) -> [AnswerQuery] {
        answerQueries(
            understanding, focus: focus,
            features: understanding.answersAhead?.features ?? lineFeatures(understanding))
    }

    /// The line's own features for the answers' index, and each clause's.
    private func lineFeatures(_ understanding: Understanding) -> AnswersAhead.LineFeatures {
        let tokens = understanding.tokens
        let clauses = understanding.clauses
        let topicsOfClauses = understanding.topicsOfClauses
        let denied = Set(understanding.redFlags.deniedWords)
        let skipped = placesNotScored(understanding)
        return AnswersAhead.LineFeatures(
            alone: Self.answerPhrase(
                tokens[...], aliases: tables.aliases, index: aliasIndex, stopWords: stopWords,
                mentioned: understanding.mentionsAreOfTheTokens
                    ? understanding.mentions.filter { !denied.contains($0.range.lowerBound) }.map(
                        \.topicID) : nil, skipping: skipped),
            clauses: clauses.count > 1
                ? clauses.indices.map { clause in
                    let range = clauses[clause]
                    let deniesInIt = range.contains(where: denied.contains)
                    return range.count >= 2
                        ? Self.answerPhrase(
                            tokens[range], aliases: tables.aliases, index: aliasIndex,
                            stopWords: stopWords,
                            mentioned: deniesInIt ? nil : topicsOfClauses?[clause],
                            skipping: skipped) : nil
                } : [])
    }

    /// The words the answers are not scored on: a medicine's own amount, or another's (see
    /// ``Understanding/otherAmounts``), and a symptom the line denies ("no chest pain or fainting,
    /// just annoying"), which is no part of what it asks.
    private func placesNotScored(_ understanding: Understanding) -> Set<Int> {
        medicineAmountPlaces(understanding).union(understanding.redFlags.deniedWords).union(
            understanding.otherAmounts)
    }

    /// "Doxycycline 100mg twice a day", "levothyroxine 75mcg": where a medicine's own amount
    /// stands, right after the medicine. It says nothing of magnesium, and scored as words it
    /// drew the answers on magnesium amounts ahead of the one on the medicine.
    private func medicineAmountPlaces(_ understanding: Understanding) -> Set<Int> {
        guard understanding.mentionsAreOfTheTokens else { return [] }
        let tokens = understanding.tokens
        var places = Set<Int>()
        for mention in understanding.mentions {
            let number = mention.range.upperBound
            guard number + 1 < tokens.count, tokens[number].isNumber,
                Amounts.isMassUnit(tokens[number + 1].text),
                graph.kind(ofTopic: mention.topicID) == "medicine"
            else { continue }
            places.insert(number)
            places.insert(number + 1)
        }
        return places
    }

    /// What ``rankedAnswers(_:focus:)`` scores the line on: the line with the focus, the line
    /// alone where the focus may hide what it says, and each clause of two or more words.
    private func answerQueries(
        _ understanding: Understanding, focus: String?, features: AnswersAhead.LineFeatures
    ) -> [AnswerQuery] {
        let tokens = understanding.tokens
        // The line's own features, read once: with no focus they are the whole query.
        let alone = features.alone
        let skipped = placesNotScored(understanding)
        let focused = answerQuery(
            tokens[...], focus: focus, ownFeatures: alone, skipping: skipped)
        var queries = [AnswerQuery(phrase: focused, lineGroups: [])]
        // The focus is a prior, never a penalty: "why the bis part?" while cramps are in focus
        // still finds the answer on "bis" by its own words. When the focus changed nothing, the
        // line alone scores the same.
        // "For that", "with it": what the line is for or with is the focus ("what's the best
        // form for that?"), and the line alone would answer another question.
        if focus != nil
            && (understanding.topicIDs.isEmpty || namesNothingLike(focus, understanding.topicIDs))
            && pronounAfterAPreposition(in: tokens[...]) == nil
        {
            if alone != focused { queries.append(AnswerQuery(phrase: alone, lineGroups: [])) }
        }
        if understanding.clauses.count > 1 {
            appendClauseQueries(
                to: &queries, understanding, focus: focus, features: features, skipping: skipped)
        }
        return queries
    }

    /// Each clause of two or more words as a query of its own, but for clauses that only lean on
    /// the rest of the line: the line as a whole answers those.
    private func appendClauseQueries(
        to queries: inout [AnswerQuery], _ understanding: Understanding, focus: String?,
        features: AnswersAhead.LineFeatures, skipping skipped: Set<Int>
    ) {
        let tokens = understanding.tokens
        let clauses = understanding.clauses
        let lineGroups = understanding.topicIDs.filter { graph.kind(ofTopic: $0) == "group" }
        // "What causes night cramps and how do I stop them?": "it" or "them" in a clause of
        // its own stands for what the line itself named, before anything said earlier. A
        // short one points back at what was said: "is that true?", "does it?" after a claim
        // ask about the claim, not its subject.
        let lineSubject = subject(of: understanding) ?? focus
        // "im on sertraline, can i take magnesium": in a short line, a clause that names only
        // what is taken asks about it for whom the line is about, so it is not scored alone
        // (the line as a whole is). Whom it is about: a group or medicine named, or a clause
        // just before that opens as a statement about the person and names nothing the answers
        // know ("my little one has colic"). A subject named instead ("I walk my dog and get
        // cramps") leaves "is magnesium safe?" a question of its own; a long message keeps its
        // question clause's own score, since there the story drowns it.
        let namesWhoItIsFor =
            tokens.count <= Self.statementAndQuestionLength
            && understanding.topicIDs.contains(where: graph.isAudienceTopic)
        let statementBeforeAQuestion =
            tokens.count <= Self.statementAndQuestionLength
            ? Self.statementBeforeAQuestion(tokens, clauses) : nil
        let asking = storyClausesThatAsk(understanding)
        for (clause, range) in clauses.enumerated() where range.count >= 2 {
            // A story's background is read with the line as a whole: scored alone, an aside ("a
            // podcast said it helps anxiety") would outscore what is asked (see below).
            if let asking, !asking[clause] { continue }
            if leansOnTheRestOfTheLine(
                clause, understanding, features: features,
                statementBeforeAQuestion: statementBeforeAQuestion,
                namesWhoItIsFor: namesWhoItIsFor)
            {
                continue
            }
            let namesItsSubject =
                asking != nil
                || namesItsSubject(
                    clause, understanding, statementBeforeAQuestion: statementBeforeAQuestion)
            // A group named elsewhere in the line ("my kidneys are bad but ...") is still who
            // it is for.
            let phrase = answerQuery(
                tokens[range], focus: namesItsSubject ? lineSubject : focus,
                ownFeatures: features.clauses[clause], skipping: skipped)
            queries.append(AnswerQuery(phrase: phrase, lineGroups: lineGroups, isClause: true))
            // A story's question read with its subject and as it stands: "is there a kind that
            // is easier on the gut?" after a story about citrate asks about kinds.
            if asking != nil, lineSubject != focus,
                case let own = answerQuery(
                    tokens[range], focus: focus, ownFeatures: features.clauses[clause],
                    skipping: skipped),
                own != phrase
            {
                queries.append(AnswerQuery(phrase: own, lineGroups: lineGroups, isClause: true))
            }
        }
    }

    /// The first topic the line names but for whom it is about and what it denies: "no chest pain
    /// or fainting, should I stop taking it?" does not ask about the emergency signs it denies.
    private func subject(of understanding: Understanding) -> String? {
        let denied = understanding.redFlags.deniedWords
        let named = understanding.mentions.filter { !denied.contains($0.range.lowerBound) }
        return named.first { !graph.isAudienceTopic($0.topicID) }?.topicID
    }

    /// For a story (a line of ``storyLength`` words or more) with a clause that asks something of
    /// its own, whether each clause asks; nil for a shorter line, a story that asks nothing, or one
    /// whose question points back into it, whose clauses are all read alone.
    private func storyClausesThatAsk(_ understanding: Understanding) -> [Bool]? {
        guard understanding.tokens.count >= Self.storyLength else { return nil }
        let asking = understanding.clauses.map { range in
            let words = understanding.tokens[range].lazy.map(\.text)
                .drop { Self.leadInWords.contains($0) }
            // "Would rather not see the doctor again" tells a wish; it asks nothing.
            let opensAQuestion =
                words.first.map { Self.questionOpeners.contains($0) } == true
                && words.dropFirst().first != "rather"
            return opensAQuestion || words.contains { Self.intentionWords.contains($0) }
        }
        // "Would magnesium fix it?" asks about what the story told: its background is what the
        // question is about, and is read clause by clause as in any line.
        let leansOnTheStory = zip(understanding.clauses, asking).contains { range, asks in
            asks && understanding.tokens[range].contains { Self.thingPronouns.contains($0.text) }
        }
        return asking.contains(true) && !leansOnTheStory ? asking : nil
    }

    /// Words that make a clause of a story ask, though it opens as a statement: a plan is asked
    /// about ("I was thinking of getting him potassium tablets", "planning to take 400mg before
    /// the race"), and so is "I wonder if".
    private static let intentionWords: Set<String> = [
        "thinking", "planning", "considering", "tempted", "wondering", "wonder",
    ]

    /// How many words make a line a story, whose background is not scored clause by clause.
    package static let storyLength = 30

    /// "i have restless legs, does magnesium help": a short line's statement about the person,
    /// before a clause that asks about no "it" or "that", tells what the question is about;
    /// scored alone it would be asked what restless legs are, and the question is read with its
    /// subject. The first such statement clause, if any.
    private static func statementBeforeAQuestion(_ tokens: [Token], _ clauses: [Range<Int>])
        -> Int?
    {
        clauses.indices.dropLast().first { clause in
            // A clause may be empty ("— legit?" leaves one at a dash).
            !clauses[clause].isEmpty
                && Self.statementOpeners.contains(tokens[clauses[clause].lowerBound].text)
                && clauses[(clause + 1)...].contains { asking in
                    !asking.isEmpty
                        && Self.questionOpeners.contains(tokens[asking.lowerBound].text)
                        // "I take atorvastatin, could that be it?" asks about what
                        // "that" stands for.
                        && !tokens[asking].contains { Self.standInWords.contains($0.text) }
                }
        }
    }

    /// Whether a clause only leans on the rest of the line (says who it is for, points back at
    /// it, asks only about taking it), so that scored alone it would answer another question. The
    /// checks in the order they were made.
    private func leansOnTheRestOfTheLine(
        _ clause: Int, _ understanding: Understanding, features: AnswersAhead.LineFeatures,
        statementBeforeAQuestion: Int?, namesWhoItIsFor: Bool
    ) -> Bool {
        let tokens = understanding.tokens
        let clauses = understanding.clauses
        let range = clauses[clause]
        if clause == statementBeforeAQuestion { return true }
        // "it works but gives me cramps in my tummy": two words, one of them "it", say
        // nothing of their own; read alone they find whatever is in focus.
        if range.count == 2,
            tokens[range].contains(where: {
                Self.standInWords.contains($0.text)
            })
        {
            return true
        }
        let afterAStatementAboutThePerson =
            clause > 0 && tokens.count <= Self.statementAndQuestionLength
            && clauses[clause - 1].count >= 2
            && Self.statementOpeners.contains(tokens[clauses[clause - 1].lowerBound].text)
            && (features.clauses[clause - 1]?.topics.isEmpty ?? true)
        if namesWhoItIsFor || afterAStatementAboutThePerson,
            !Self.statementOpeners.contains(tokens[range.lowerBound].text),
            let topics = features.clauses[clause]?.topics, !topics.isEmpty,
            topics.allSatisfy({ Self.takenKinds.contains(graph.kind(ofTopic: $0) ?? "") })
        {
            return true
        }
        // "what about melatonin, can i take it alongside the mag?": "it" stands for what
        // the short clause before it brought up, which may be nothing the answers name; read
        // alone, the clause asks about taking magnesium alongside anything.
        if bringsUpWhatItStandsFor(clause, understanding) { return true }
        // "i am 70, is magnesium safe for me?": a clause that only gives the person's age
        // tells whom the question is for; scored alone, the number would find any answer
        // that quotes an age.
        if clauses.count > 1, saysOnlyAnAge(understanding.tokens[range]) { return true }
        // "i get cramps every night, should i take magnesium": a clause that only asks
        // about taking it asks whether to take it for what the rest of the line names;
        // alone it would read as "is it safe to take?". One with words of its own ("is
        // magnesium safe?") still asks its own question.
        if asksOnlyAboutTakingIt(understanding, range),
            namesASubjectElsewhere(understanding, outside: range)
        {
            return true
        }
        return false
    }

    /// Whether a clause's pronoun stands for what the line itself names (so the clause is scored
    /// with the line's subject, not the focus).
    private func namesItsSubject(
        _ clause: Int, _ understanding: Understanding, statementBeforeAQuestion: Int?
    ) -> Bool {
        let tokens = understanding.tokens
        let range = understanding.clauses[clause]
        return
            (range.count >= Self.clauseOfItsOwnLength
            && tokens[range].contains { Self.thingPronouns.contains($0.text) })
            || statementBeforeAQuestion.map { clause > $0 } ?? false
            // "magnesium threonate, what is it?": a clause that only names something
            // says what the pronoun after it stands for.
            || (clause > 0
                && tokens[range].contains { Self.thingPronouns.contains($0.text) }
                && onlyNamesSomething(understanding, understanding.clauses[clause - 1]))
    }

    /// Whether the clause has a thing pronoun and the clause before it is a short "what about X"
    /// or "how about X" that brings up what the pronoun stands for.
    private func bringsUpWhatItStandsFor(_ clause: Int, _ understanding: Understanding) -> Bool {
        guard clause > 0 else { return false }
        let tokens = understanding.tokens
        let before = understanding.clauses[clause - 1]
        guard before.count >= 3, before.count <= Self.shortLeadLength,
            Self.opensWithWhatAbout(tokens[before].lazy.map(\.text))
        else { return false }
        return tokens[understanding.clauses[clause]].contains {
            Self.thingPronouns.contains($0.text)
        }
    }

    /// The longest "what about X" lead read as bringing up a subject: "what about melatonin",
    /// "how about my vitamin d".
    private static let shortLeadLength = 5

    /// Whether words open with "what about" or "how about", which bring up a subject for what
    /// follows or for the question before.
    package static func opensWithWhatAbout<Words: Collection<String>>(_ words: Words) -> Bool {
        var word = words.makeIterator()
        guard let first = word.next(), first == "what" || first == "how" else { return false }
        return word.next() == "about"
    }

    /// Whether the clause is the name of a topic and nothing more ("magnesium threonate", "and
    /// citrate").
    private func onlyNamesSomething(_ understanding: Understanding, _ range: Range<Int>) -> Bool {
        let named = understanding.mentions.filter { $0.range.overlaps(range) }
        return !named.isEmpty
            && range.allSatisfy { place in
                stopWords.contains(understanding.tokens[place].key)
                    || named.contains { $0.range.contains(place) }
            }
    }

    /// Whether every word of the clause that counts is a word for taking something ("take",
    /// "try", "start") or names magnesium or one of its forms.
    private func asksOnlyAboutTakingIt(_ understanding: Understanding, _ range: Range<Int>)
        -> Bool
    {
        let taken = understanding.mentions.filter {
            $0.range.overlaps(range)
                && Self.takenKinds.contains(graph.kind(ofTopic: $0.topicID) ?? "")
        }
        guard !taken.isEmpty else { return false }
        return range.allSatisfy { place in
            let key = understanding.tokens[place].key
            return stopWords.contains(key) || Self.takingWords.contains(key)
                || taken.contains { $0.range.contains(place) }
        }
    }

    /// Whether a topic the answers are about, other than what is taken and whom it is for, is
    /// named outside `range`.
    private func namesASubjectElsewhere(_ understanding: Understanding, outside range: Range<Int>)
        -> Bool
    {
        understanding.mentions.contains { mention in
            !mention.range.overlaps(range) && !graph.isAudienceTopic(mention.topicID)
                && !Self.takenKinds.contains(graph.kind(ofTopic: mention.topicID) ?? "")
        }
    }

    /// Whether the words are a statement of someone's age and nothing more: "i am 70", "im 45
    /// years old", "my son is 9".
    private func saysOnlyAnAge(_ words: ArraySlice<Token>) -> Bool {
        guard let first = words.first, Self.statementOpeners.contains(first.text),
            words.contains(where: { Int($0.text) != nil })
        else { return false }
        return words.allSatisfy { word in
            stopWords.contains(word.key) || Int(word.text) != nil
                || Self.ageWords.contains(word.text) || Self.statementOpeners.contains(word.text)
        }
    }

    /// Words that say an age or whose it is.
    static let ageWords: Set<String> = [
        "year", "years", "yr", "yrs", "old", "aged", "age", "son", "daughter", "child", "kid",
        "boy", "girl", "dad", "mum", "mom", "father", "mother", "husband", "wife",
    ]

    /// Words for taking something, as keys.
    static let takingWords = Set(
        ["take", "taking", "try", "trying", "start", "starting", "use", "using", "begin"].map(
            Stemmer.stem))

    /// Each query's scores, and each answer's best over them; a query read ahead is not scored
    /// again.
    private func bestScores(_ queries: [AnswerQuery], ahead: AnswersAhead?) -> (
        scores: [[Double]], best: [Double]
    ) {
        var scoresOfQuery: [[Double]] = []
        scoresOfQuery.reserveCapacity(queries.count)
        for query in queries {
            if let ahead, let known = ahead.queries.firstIndex(of: query) {
                scoresOfQuery.append(ahead.scores[known])
            } else {
                // Scored by its phrase and groups alone: a clause that reads as the whole line
                // shares its scores.
                var scored = query
                scored.isClause = false
                scoresOfQuery.append(
                    answerScoreMemo.value(of: scored) {
                        answerScores($0.phrase, lineGroups: $0.lineGroups)
                    })
            }
        }
        var scores = scoresOfQuery[0]
        for (query, other) in zip(queries, scoresOfQuery).dropFirst() where !query.isClause {
            Self.raise(&scores, to: other)
        }
        // A clause scores an answer with a share of the whole line's score: "did I overdose?"
        // after "I took 2 doses by accident today" asks about that story, and an answer that
        // fits the clause and the story beats one that fits the clause alone.
        let lineScores = scores
        let storyShare = Self.storyShare
        for (query, other) in zip(queries, scoresOfQuery) where query.isClause {
            var blended = other
            blended.withUnsafeMutableBufferPointer { blended in
                lineScores.withUnsafeBufferPointer { line in
                    for index in blended.indices {
                        blended[index] =
                            (1 - storyShare) * blended[index] + storyShare * line[index]
                    }
                }
            }
            Self.raise(&scores, to: blended)
        }
        return (scoresOfQuery, scores)
    }

    /// The share of the whole line's score in a clause's score of an answer.
    static let storyShare = 0.2

    /// Each score the larger of itself and `other`'s: every query scores every answer, so one loop
    /// with no checks, which vectorises.
    private static func raise(_ scores: inout [Double], to other: [Double]) {
        scores.withUnsafeMutableBufferPointer { scores in
            other.withUnsafeBufferPointer { other in
                for index in scores.indices {
                    scores[index] = other[index] > scores[index] ? other[index] : scores[index]
                }
            }
        }
    }

    /// Scores the answers for the line with no focus and keeps what it worked out in the
    /// understanding, so ``rankedAnswers(_:focus:)`` later scores only what the focus changes
    /// (and ranks them, when the focus changed nothing).
    /// Batch mode does this on its reader thread, while the answering thread answers the lines
    /// before.
    package func rankAnswersAhead(_ understanding: inout Understanding) {
        guard !tables.answerClassifier.intentIDs.isEmpty else { return }
        let features = lineFeatures(understanding)
        let queries = answerQueries(understanding, focus: nil, features: features)
        let (scores, best) = bestScores(queries, ahead: nil)
        understanding.answersAhead = AnswersAhead(
            features: features, queries: queries, scores: scores, best: best,
            ranked: tables.answerClassifier.rankedPlaces(best))
    }

    /// A question's features for the answers' index: the key of every word but the stop words
    /// (with one more for any number), and the topics it names (`mentioned`, when they were
    /// found in `tokens` already).
    static func answerPhrase(
        _ tokens: ArraySlice<Token>, aliases: [String: [AliasRule]], index: AliasIndex? = nil,
        stopWords: Set<String>, mentioned: [String]? = nil, skipping: Set<Int> = []
    ) -> IntentClassifier.Phrase {
        let topics =
            mentioned
            ?? replaceMentions(tokens, aliases: aliases, index: index).mentions.filter {
                !skipping.contains($0.range.lowerBound)
            }.map(\.topicID)
        // A number keeps its own key, and any number also counts as a number: "is 700 mg too much?"
        // is near "is 400 mg too much?", while "is 200 mg enough?" still finds its own answer.
        var keys: [String] = []
        keys.reserveCapacity(tokens.count + 1)
        for place in tokens.indices
        where !stopWords.contains(tokens[place].text) && !skipping.contains(place) {
            let next = place + 1 < tokens.endIndex ? tokens[place + 1].text : ""
            if Self.spanWords.contains(tokens[place].text) && next == "day" { continue }
            keys.append(
                Self.countDigits[tokens[place].text].flatMap {
                    Self.largeNumberWords.contains(next) ? nil : $0
                } ?? tokens[place].key)
        }
        if tokens.indices.contains(where: { tokens[$0].isNumber && !skipping.contains($0) }) {
            keys.append("#number")
        }
        return IntentClassifier.Phrase(keys: keys, topics: topics)
    }

    /// "A day", "per day" and "every day" say the same: matched as "day" alike, as "a" already is
    /// a stop word. Only "day": read so, "every night" and "weekly" drew answers away from
    /// questions about a weekly tablet and a complaint at night.
    static let spanWords: Set<String> = ["per", "every", "each"]

    /// "Took two doses" and "took 2 doses" say the same: a count from two to ten is matched as
    /// its digits, but for the start of a larger number ("four hundred"). "One" is left alone,
    /// as it is as often a pronoun ("which one is best?").
    static let countDigits: [String: String] = [
        "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
        "nine": "9", "ten": "10",
    ]
    static let largeNumberWords: Set<String> = ["hundred", "thousand", "and"]

    /// Whether a line naming `named` says nothing of the kind the focus is: "how much of a 500 mg
    /// capsule is actual magnesium?" about bisglycinate names a measure, not another form.
    private func namesNothingLike(_ focus: String?, _ named: [String]) -> Bool {
        guard let focus, let kind = graph.kind(ofTopic: focus),
            Self.focusKindsThatCarryOver.contains(kind)
        else { return false }
        return !named.contains { graph.kind(ofTopic: $0) == kind || graph.isAudienceTopic($0) }
    }

    /// "Compare it with oxide", "is it better than citrate?": a comparison needs two things, and
    /// "it" is the one in focus, though the line names another of its kind.
    private func comparesItWithAnother(
        _ tokens: ArraySlice<Token>, _ named: [String], focus: String
    ) -> Bool {
        named.count == 1 && named[0] != focus
            && tokens.contains { Self.comparingWords.contains($0.text) }
            && tokens.contains { Self.thingPronouns.contains($0.text) }
    }

    static let comparingWords: Set<String> = [
        "compare", "compared", "comparing", "vs", "versus", "than", "difference", "differ",
        "different",
    ]

    /// Kinds of topic that stay the subject while a line names only other kinds of thing.
    static let focusKindsThatCarryOver: Set<String> = ["form", "product", "substance"]

    /// The features a line is scored on against the answers: its own, with the focus standing in
    /// when the line names nothing like it. `ownFeatures`, when given, are the line's own
    /// (``answerPhrase(_:aliases:index:stopWords:)`` of `tokens`), read already.
    private func answerQuery(
        _ tokens: ArraySlice<Token>, focus: String?, ownFeatures: IntentClassifier.Phrase? = nil,
        skipping: Set<Int> = []
    ) -> IntentClassifier.Phrase {
        // Where the focus's name is put in the line's words, the words not scored go first.
        let tokens =
            skipping.isEmpty || !tokens.indices.contains(where: skipping.contains)
            ? tokens
            : ArraySlice(tokens.indices.filter { !skipping.contains($0) }.map { tokens[$0] })
        var phrase =
            ownFeatures
            ?? Self.answerPhrase(
                tokens, aliases: tables.aliases, index: aliasIndex, stopWords: stopWords)
        if let focus, !phrase.topics.isEmpty,
            namesNothingLike(focus, phrase.topics)
                || comparesItWithAnother(tokens, phrase.topics, focus: focus)
        {
            phrase.topics.append(focus)
        }
        // "which magnesium is best for that?" about anxiety: a pronoun after "for", "with" or
        // "about" is the topic in focus, though the line names the other sort of thing (something
        // taken, something it is taken for).
        if let focus, !phrase.topics.isEmpty, let pronoun = pronounAfterAPreposition(in: tokens),
            let topic = graph.topic(focus), let sort = Self.sortOfThing(topic.kind),
            phrase.topics.allSatisfy({
                Self.sortOfThing(graph.kind(ofTopic: $0)).map { $0 != sort } ?? false
            })
        {
            var named = Array(tokens)
            named.replaceSubrange(
                (pronoun - tokens.startIndex)...(pronoun - tokens.startIndex),
                with: Normalizer.words(topic.name).map(Token.init(text:)))
            return Self.answerPhrase(
                named[...], aliases: tables.aliases, index: aliasIndex, stopWords: stopWords)
        }
        if phrase.topics.isEmpty, let focus, let topic = graph.topic(focus) {
            // "is it safe?" about bisglycinate reads as "is magnesium bisglycinate safe?", the name
            // where the pronoun stood, since the order of words counts.
            if let pronoun = standInPronoun(in: tokens) {
                var named = Array(tokens)
                named.replaceSubrange(
                    (pronoun - tokens.startIndex)...(pronoun - tokens.startIndex),
                    with: Normalizer.words(topic.name).map(Token.init(text:)))
                phrase = Self.answerPhrase(
                    named[...], aliases: tables.aliases, index: aliasIndex, stopWords: stopWords)
            }
            if phrase.topics.isEmpty { phrase.topics = [focus] }
        }
        return phrase
    }

    /// Where the first word standing in for something said before is ("it", "that"), but for
    /// whoever is spoken to ("tell them").
    private func standInPronoun(in tokens: ArraySlice<Token>) -> Int? {
        tokens.indices.first { place in
            Self.standInWords.contains(tokens[place].text)
                && !(place > tokens.startIndex
                    && Self.speakingVerbs.contains(tokens[place - 1].text))
        }
    }

    /// Where a word standing for something said before follows "for", "with", "about" or
    /// "against" ("the best form for that"), or a verb of what a remedy does ("stop that"), if one
    /// does.
    package func pronounAfterAPreposition(in tokens: ArraySlice<Token>) -> Int? {
        tokens.indices.dropFirst().first { place in
            Self.standInWords.contains(tokens[place].text)
                && (Self.pronounPrepositions.contains(tokens[place - 1].text)
                    || Self.effectVerbs.contains(tokens[place - 1].text))
        }
    }

    /// "Would glycinate stop that?", "will it cure them?": what a remedy is said to act on is,
    /// like what it is "for", something other than the remedy.
    package static let effectVerbs: Set<String> = [
        "stop", "fix", "cure", "prevent", "treat", "ease", "relieve", "help",
    ]

    /// What a topic of a kind is, as far as a pronoun can stand for it: something taken ("does
    /// it work?") or something it is taken for ("the best form for that"); nil for other kinds.
    package static func sortOfThing(_ kind: String?) -> Int? {
        switch kind {
        case "form", "substance", "product", "medicine": 0
        case "condition", "symptom", "benefit", "cramp-kind": 1
        default: nil
        }
    }

    /// Words after which "it" or "that" is what something is for or with.
    static let pronounPrepositions: Set<String> = ["for", "with", "about", "against"]

    /// Each answer's score for a line's features: the index's, weighed by whether the answer is
    /// about the subjects and groups named and names what it needs. A function of `phrase` and
    /// `lineGroups` alone.
    private func answerScores(_ phrase: IntentClassifier.Phrase, lineGroups: [String] = [])
        -> [Double]
    {
        let topics = phrase.topics
        var scores = tables.answerClassifier.scores(
            phrase, scratch: answerScratch, scale: answerScale, runs: answerRuns)
        // Each topic looked up once, by number (nil for an id no answer or relation knows, which
        // is no group and a form of nothing).
        let numbers = topics.map { answerTopics.numberOfTopic[$0] }
        let (subjects, groups) = subjectsAndGroups(numbers, lineGroups: lineGroups)
        // Worked out once per question, not once per answer: each subject with what it is a form
        // of, the groups with what they are forms of, and whether each topic an answer needs is
        // asked about.
        let subjectSets = answerTopics.topicSets(
            bits: subjects.map { answerTopics.bitsWithLineage(ofNumbers: [$0]) })
        let groupSet =
            groups.isEmpty
            ? nil : answerTopics.topicSets(bits: [answerTopics.bitsWithLineage(ofNumbers: groups)])
        var needs = AnswerTopicTable.NeedCheck(answerTopics, asked: numbers, words: phrase.keys)
        let subjectFactors = Self.subjectFactors(subjectCount: subjects.count)
        let subjectCount = subjects.count
        // One subject (most questions) or one set of groups: two reads per answer.
        let subjectSet = subjectCount == 1 ? answerTopics.smallSet(subjectSets) : nil
        let smallGroupSet = groupSet.flatMap { answerTopics.smallSet($0) }
        scores.withUnsafeMutableBufferPointer { scores in
            answerNeedStart.withUnsafeBufferPointer { needStart in
                answerNeeds.withUnsafeBufferPointer { answerNeeds in
                    for index in scores.indices where scores[index] > 0 {
                        if let subjectSet {
                            scores[index] *=
                                subjectFactors[answerTopics.countAbout(answer: index, subjectSet)]
                        } else if subjectCount > 0 {
                            scores[index] *=
                                subjectFactors[
                                    answerTopics.countAbout(answer: index, eachOf: subjectSets)]
                        }
                        let hasWhatItNeeds = answerNeeds[needStart[index]..<needStart[index + 1]]
                            .allSatisfy { needs.isMet($0) }
                        if !hasWhatItNeeds {
                            scores[index] *= Self.missingSubjectFactor
                        }
                        // "My kidneys are bad but glycinate is gentle": the group named is what
                        // the answer turns on.
                        if let smallGroupSet {
                            if answerTopics.countAbout(answer: index, smallGroupSet) == 0 {
                                scores[index] *= Self.otherGroupFactor
                            }
                        } else if let groupSet,
                            answerTopics.countAbout(answer: index, eachOf: groupSet) == 0
                        {
                            scores[index] *= Self.otherGroupFactor
                        }
                    }
                }
            }
        }
        return scores
    }

    /// The topics asked about split into subjects and groups of people, with the groups named
    /// elsewhere in the line: an answer is weighed by the subjects it is about, and only by
    /// whether it is about any of the groups.
    private func subjectsAndGroups(_ numbers: [Int?], lineGroups: [String]) -> (
        subjects: [Int?], groups: [Int?]
    ) {
        var subjects: [Int?] = []
        // Those named and those named elsewhere in the line: only whether there are any, and
        // their topics' bits, count.
        var groups = lineGroups.map { answerTopics.numberOfTopic[$0] }
        for number in numbers {
            if let number, answerTopicIsGroup[number] {
                groups.append(number)
            } else {
                subjects.append(number)
            }
        }
        return (subjects, groups)
    }

    /// None of the subjects: the other-subject share; some of them: in proportion. By how many
    /// an answer is about, worked out once (the same operations on the same numbers as for
    /// each answer).
    private static func subjectFactors(subjectCount: Int) -> [Double] {
        (0...subjectCount).map { (covered: Int) -> Double in
            if covered == 0 { return Self.otherSubjectFactor }
            let share = Double(covered) / Double(subjectCount)
            return 1 - (1 - Self.partialSubjectFactor) * (1 - share)
        }
    }

    /// How much the question's own extra words count against a designed answer (see
    /// ``IntentClassifier/scores(_:scratch:queryShare:)``).
    static let answerQueryShare = 0.7

    /// An answer about none of the things the question names keeps this share of its score: the
    /// words may fit ("what actually is ..."), the subject does not.
    static let otherSubjectFactor = 0.55
    /// An answer about only some of the subjects named ("malate" for "citrate or glycinate") keeps
    /// between this share (about almost none of them) and all of its score (about all of them).
    static let partialSubjectFactor = 0.7
    /// An answer whose questions nearly all name a subject the question does not (cramps, for a
    /// question on dosing powder) keeps this share of its score.
    static let missingSubjectFactor = 0.85
    /// An answer about none of the groups of people the question names ("with kidney disease",
    /// "in pregnancy") keeps this share of its score.
    static let otherGroupFactor = 0.8

    /// Verbs whose object is a person: "what should I tell them?" asks about whoever is told
    /// (the ambulance crew, the doctor), not about the subject in focus.
    static let speakingVerbs: Set<String> = ["tell", "ask", "phone", "ring"]

    /// Pronouns that stand for a thing, not for something said.
    static let thingPronouns: Set<String> = ["it", "they", "them"]
    /// The longest line read as one statement and one question ("i take omeprazole, can i take
    /// magnesium?"), in words.
    static let statementAndQuestionLength = 16
    /// Kinds of topic that are what is taken: magnesium and its forms.
    package static let takenKinds: Set<String> = ["substance", "form"]
    /// Words in a clause that asks a question of its own ("how do I stop them"), not one that
    /// only points back ("could that be it").
    static let clauseOfItsOwnLength = 5

    /// Words that stand for the topic in focus ("is it safe?", "how much of that?").
    package static let standInWords: Set<String> = [
        "it", "that", "this", "they", "them", "these", "those",
    ]

    /// The intent whose phrasings look like an emergency report.
    static let urgentIntent = "urgent"
    /// At most this many emergencies are advised on at once, the first in rule order: the advice
    /// stays short.
    public static let mostUrgentRules = 2

    /// The red-flag rules the question reports as happening now, most important first: their advice
    /// goes before anything else. One rule per topic (a child who swallowed tablets needs the
    /// child's advice, not the adult overdose advice as well), and at most ``mostUrgentRules``.
    public func urgentRules(in understanding: Understanding) -> [UrgentRule] {
        urgentRules(in: understanding.redFlags)
    }

    /// ``urgentRules(in:)`` of a reading.
    public func urgentRules(in reading: RedFlagReading) -> [UrgentRule] {
        var rules: [UrgentRule] = []
        let ruleCount = graph.redFlags.rules.count
        // "Call 999 now" makes "see a doctor today" beside it say less, and the two together read
        // as if waiting were an option.
        let helpNow = reading.fired.contains {
            $0 < ruleCount && graph.redFlags.rules[$0].topicID != ReservedID.whenToSeeADoctor
        }
        for index in reading.fired where index < ruleCount && rules.count < Self.mostUrgentRules {
            let rule = graph.redFlags.rules[index]
            if helpNow && rule.topicID == ReservedID.whenToSeeADoctor { continue }
            // The topic the general emergency rule is filed under groups distinct emergencies:
            // chest pain with a numb arm gets the chest pain advice as well as the stroke advice.
            if let topic = rule.topicID, topic != generalEmergencyTopic,
                rules.contains(where: { $0.topicID == topic })
            {
                continue
            }
            rules.append(rule)
        }
        return rules
    }

    private var generalEmergencyTopic: String? {
        graph.redFlags.rules.first { $0.id == ReservedID.emergencyRule }?.topicID
    }

    /// The red flags of two lines read as one, the second after a comma: only the red-flag
    /// reader runs again, on the words both lines were read into.
    public func redFlags(readingTogether first: Understanding, _ second: Understanding)
        -> RedFlagReading
    {
        func padded(_ understanding: Understanding) -> [RedFlagReader.Break] {
            var breaks = Array(understanding.breaks.prefix(understanding.tokens.count))
            breaks += Array(
                repeating: .none, count: understanding.tokens.count - breaks.count)
            return breaks
        }
        var secondBreaks = padded(second)
        if !secondBreaks.isEmpty, secondBreaks[0].rawValue < RedFlagReader.Break.clause.rawValue {
            secondBreaks[0] = .clause
        }
        let tokens = first.tokens + second.tokens
        let breaks = padded(first) + secondBreaks
        let query = RedFlagQuery(
            words: tokens.map(\.text), typed: tokens.map { $0.correctedFrom ?? "" },
            breaks: breaks.map(\.rawValue))
        return redFlagMemo.value(of: query) { _ in
            redFlagReader.read(tokens: tokens, breaks: breaks)
        }
    }

    /// The emergency rules two lines report read as one, the second after a comma; the lines are
    /// read together only when ``redFlagsMayFire(readingTogether:_:)`` says something could fire.
    public func urgentRules(readingTogether first: Understanding, _ second: Understanding)
        -> [UrgentRule]
    {
        guard redFlagsMayFire(readingTogether: first, second) else { return [] }
        return urgentRules(in: redFlags(readingTogether: first, second))
    }

    /// Whether two lines read as one could fire a rule, by the symptoms each names alone: most
    /// lines name one ("magnesium" is one) but nothing that completes a rule with the other's,
    /// and then ``redFlags(readingTogether:_:)`` need not read them.
    public func redFlagsMayFire(readingTogether first: Understanding, _ second: Understanding)
        -> Bool
    {
        redFlagReader.anyRuleReachable(
            first.redFlags.symptomConcepts + second.redFlags.symptomConcepts)
    }

    /// Every red-flag rule the question reports, and those it only talks about (for tests and
    /// tools).
    public func redFlags(in line: String) -> RedFlagReading { understand(line).redFlags }

    /// What the red-flag reader finds in a line, step by step: the words, the concepts and cues
    /// found, and each rule that fired or was held back (with the cue that held it).
    public func explainRedFlags(in line: String) -> [String] {
        let understanding = understand(line)
        let names = RedFlagReader.Names(
            concepts: graph.redFlags.concepts.map(\.id), rules: graph.redFlags.rules.map(\.id))
        return redFlagReader.read(
            tokens: understanding.tokens, breaks: understanding.breaks, explaining: names
        ).trace
    }

    /// The general emergency advice, for an emergency the matcher recognises but no rule names.
    public var generalEmergencyRule: UrgentRule? {
        graph.redFlags.rules.first { $0.id == ReservedID.emergencyRule }
    }

    private static func breakKind(_ scalar: Unicode.Scalar) -> RedFlagReader.Break {
        switch scalar {
        case ".", "?", "!", ";", "\n": .sentence
        default: .clause
        }
    }

    /// A topic that is an intent's home ("upper limit", "food sources") makes that intent likelier:
    /// the graph says what such a topic is asked about. Only intents the words already point to
    /// gain.
    private func preferHomeIntents(
        _ scores: inout [Double], mentions: [TopicMention], bonus: Double = homeTopicBonus
    ) {
        guard !mentions.isEmpty else { return }
        var favoured: [Int] = []
        for mention in mentions { favoured += homeIntentsOfTopic[mention.topicID] ?? [] }
        guard !favoured.isEmpty else { return }
        // Each intent once, however many of its home topics were named.
        for intent in Set(favoured) where scores[intent] > 0 {
            scores[intent] = min(1, scores[intent] + bonus)
        }
    }

    static let homeTopicBonus = 0.12
    static let shortQuestionHomeBonus = 0.3

    /// The tokens with each synonym phrase replaced, longest first. `firstWords`, when given,
    /// holds every first word of `synonyms`.
    static func applySynonyms(
        _ tokens: [Token], _ synonyms: [String: [SynonymRule]], firstWords: WordFilter? = nil
    ) -> [Token] {
        guard !synonyms.isEmpty else { return tokens }
        // Most lines hold no synonym: they are handed back as they are, not copied token by token.
        var start = 0
        while start < tokens.count && firstWords?.mayHold(tokens[start].text) == false {
            start += 1
        }
        if start == tokens.count { return tokens }
        var result = Array(tokens[..<start])
        var i = start
        outer: while i < tokens.count {
            if firstWords?.mayHold(tokens[i].text) != false,
                let candidates = synonyms[tokens[i].text]
            {
                for candidate in candidates where i + candidate.words.count <= tokens.count {
                    if zip(candidate.words, tokens[i..<(i + candidate.words.count)]).allSatisfy({
                        $0 == $1.text
                    }) {
                        for word in candidate.replacement {
                            var token = Token(text: word)
                            token.correctedFrom = tokens[i].correctedFrom
                            result.append(token)
                        }
                        i += candidate.words.count
                        continue outer
                    }
                }
            }
            result.append(tokens[i])
            i += 1
        }
        return result
    }

    /// Finds topic mentions, longest alias first: the word keys the intents are scored on, with
    /// each mention replaced by its `#kind` placeholder, and the mentions.
    static func replaceMentions(
        _ tokens: ArraySlice<Token>, aliases: [String: [AliasRule]], index: AliasIndex? = nil,
        breaksBefore: [Int] = []
    ) -> (keys: [String], mentions: [TopicMention]) {
        /// Whether a name of `length` tokens from `start` would run across punctuation.
        func crossesABreak(_ start: Int, _ length: Int) -> Bool {
            !breaksBefore.isEmpty
                && breaksBefore.contains { $0 > start && $0 < start + length }
        }
        var keys: [String] = []
        keys.reserveCapacity(tokens.count)
        var mentions: [TopicMention] = []
        let base = tokens.startIndex
        var i = tokens.startIndex
        outer: while i < tokens.endIndex {
            if let candidates = aliases[tokens[i].key] {
                if candidates.count > AliasIndex.scanLimit,
                    let bucket = index?.buckets[tokens[i].key]
                {
                    for length in bucket.lengths
                    where i + length <= tokens.endIndex && !crossesABreak(i, length) {
                        guard let candidate = bucket.byKeys[tokens[i..<(i + length)].map(\.key)]
                        else { continue }
                        mentions.append(
                            TopicMention(
                                topicID: candidate.topicID, range: (i - base)..<(i - base + length))
                        )
                        keys.append(candidate.placeholder)
                        i += length
                        continue outer
                    }
                    keys.append(tokens[i].key)
                    i += 1
                    continue outer
                }
                for candidate in candidates
                where i + candidate.keys.count <= tokens.endIndex
                    && !crossesABreak(i, candidate.keys.count)
                {
                    if zip(candidate.keys, tokens[i..<(i + candidate.keys.count)]).allSatisfy({
                        $0 == $1.key
                    }) {
                        mentions.append(
                            TopicMention(
                                topicID: candidate.topicID,
                                range: (i - base)..<(i - base + candidate.keys.count)))
                        keys.append(candidate.placeholder)
                        i += candidate.keys.count
                        continue outer
                    }
                }
            }
            keys.append(tokens[i].key)
            i += 1
        }
        return (keys, mentions)
    }
}

/// One scoring of a line against the answers' index: ``Understander`` scores are a function of
/// the features and the groups named elsewhere in the line alone.
struct AnswerQuery: Equatable, Sendable {
    var phrase: IntentClassifier.Phrase
    var lineGroups: [String]
    /// One clause of a line of several, not the line as a whole.
    var isClause = false
}

/// The designed answers scored for a line with no focus, and what that took: a function of the
/// line's tokens, clauses and topics, so ``Understanding`` drops it when any of them changes.
struct AnswersAhead: Sendable {
    struct LineFeatures: Sendable {
        var alone: IntentClassifier.Phrase
        /// Each clause's own features when the line has several clauses, nil for a clause of one
        /// word; empty for a line of one clause.
        var clauses: [IntentClassifier.Phrase?]
    }
    var features: LineFeatures
    var queries: [AnswerQuery]
    /// Each query's scores.
    var scores: [[Double]]
    /// Each answer's best over the queries.
    var best: [Double]
    /// `best` ranked. Ranked ahead though the focus changes the queries of about a third of the
    /// lines in a batch: the answering thread is the one that keeps the others waiting, and this
    /// sort was 8 % of its work.
    var ranked: [RankedAnswer]
}

/// A designed answer, by its place in `graph.answers`, and its score for a question. Ranking
/// moves these many times a question: a place costs nothing to compare or look up, where an id is
/// hashed every time.
public struct RankedAnswer: Sendable, Equatable {
    public var answer: Int
    public var score: Double

    public init(answer: Int, score: Double) {
        self.answer = answer
        self.score = score
    }
}

/// Scores a question against every intent's example phrasings (nearest example, idf-weighted cosine
/// over words and word pairs), through an inverted index so the cost follows the words asked.
struct IntentClassifier: Sendable, Equatable {
    let intentIDs: [String]
    let exampleIntent: [Int]
    let exampleNorm: [Double]
    /// Feature ids: words and `@topic` marks by text, word pairs by the ids of their two words.
    let wordID: [String: Int]
    let pairID: PairFeatures
    let idf: [Double]
    /// Postings of feature `f` are `postingExample[postingStart[f]..<postingStart[f + 1]]` (and
    /// their weights).
    let postingStart: [Int]
    let postingExample: [Int32]
    let postingWeight: [Double]
    let unknownWeight: Double

    /// The features of a phrasing: its word keys and the topics it names.
    struct Phrase: Equatable {
        var keys: [String]
        var topics: [String]
        var words: [String] { keys + topics.map { "@" + $0 } }
    }

    static func pairKey(_ a: Int, _ b: Int) -> Int { a << 32 | b }

    /// Each feature's owners, feature after feature, each feature's in ascending order: whether an
    /// owner's examples have a feature in a binary search of the few owners that have it, where
    /// its postings list every example that has it. (A bit per owner and feature took a megabyte
    /// for a few hundred answers and ten thousand features, almost all of it zeros.)
    struct FeatureOwners: Sendable {
        /// Feature `f`'s owners are `owners[start[f]..<start[f + 1]]`.
        let start: [Int32]
        let owners: [UInt16]

        func owner(_ owner: Int, hasFeature feature: Int) -> Bool {
            var low = Int(start[feature])
            var high = Int(start[feature + 1])
            while low < high {
                let middle = (low + high) / 2
                let found = Int(owners[middle])
                if found == owner { return true }
                if found < owner { low = middle + 1 } else { high = middle }
            }
            return false
        }
    }

    /// Which owners' examples have each word or topic mark (pairs of words have none listed: only
    /// single words are asked about), from the feature's postings.
    func featureOwners() -> FeatureOwners {
        precondition(intentIDs.count <= Int(UInt16.max), "more owners than a feature's list holds")
        let featureCount = max(0, postingStart.count - 1)
        var isWord = [Bool](repeating: false, count: featureCount)
        for feature in wordID.values where feature < featureCount { isWord[feature] = true }
        var start: [Int32] = [0]
        start.reserveCapacity(featureCount + 1)
        var owners: [UInt16] = []
        var ofFeature: [UInt16] = []
        postingExample.withUnsafeBufferPointer { examples in
            exampleIntent.withUnsafeBufferPointer { exampleOwner in
                for feature in 0..<featureCount {
                    defer { start.append(Int32(owners.count)) }
                    guard isWord[feature] else { continue }
                    ofFeature.removeAll(keepingCapacity: true)
                    for posting in postingStart[feature]..<postingStart[feature + 1] {
                        ofFeature.append(UInt16(exampleOwner[Int(examples[posting])]))
                    }
                    // Examples come owner after owner, so this is seldom out of order.
                    ofFeature.sort()
                    var last: UInt16?
                    for owner in ofFeature where owner != last {
                        owners.append(owner)
                        last = owner
                    }
                }
            }
        }
        return FeatureOwners(start: start, owners: owners)
    }

    /// Sets `marks[owner]` for every owner with the word `key` in its examples.
    func markOwners(hasWord key: String, in marks: inout [Bool]) {
        guard let feature = wordID[key] else { return }
        for posting in postingStart[feature]..<postingStart[feature + 1] {
            marks[exampleIntent[Int(postingExample[posting])]] = true
        }
    }

    /// Intents with a score above zero, best first; ties break by intent order in the file.
    func ranked(_ scores: [Double]) -> [(intent: String, score: Double)] {
        rankedPlaces(scores).map { (intentIDs[$0.answer], $0.score) }
    }

    /// ``ranked(_:)`` by each intent's place in the file instead of its id.
    func rankedPlaces(_ scores: [Double]) -> [RankedAnswer] {
        var scored: [RankedAnswer] = []
        // Exactly those above zero: a ranking read ahead is kept with its line (the read-ahead
        // queue, the memo of lines), and most answers score zero.
        scored.reserveCapacity(scores.reduce(0) { $1 > 0 ? $0 + 1 : $0 })
        for (intent, score) in scores.enumerated() where score > 0 {
            scored.append(RankedAnswer(answer: intent, score: score))
        }
        BestFirstOrder.sort(&scored)
        return scored
    }

    /// Each intent's best cosine score (words, word pairs and `@topic` marks, idf-weighted, against
    /// the nearest example), by position in the file; 0 for none.
    /// Each owner's best score over its examples: `dot / (|query|^q · |example|^(2 - q))`, at
    /// most 1. With `queryShare` 1 that is the cosine; below 1 the words a question adds beyond an
    /// example ("what *actually* is ...") cost less than the example's words it lacks.
    func scores(_ query: Phrase, scratch: ScoringScratch, queryShare: Double = 1) -> [Double] {
        scores(
            query, scratch: scratch,
            scale: queryShare == 1 ? nil : shareScale(queryShare: queryShare))
    }

    /// The example side of a score's divisor for a query share below 1, `|example|^(2 - q)` for
    /// every example: the same for every question, so worked out once (the same `pow` of the same
    /// numbers, so the same bits as working it out per question).
    struct ShareScale: Sendable {
        let queryShare: Double
        let examplePowers: [Double]
    }

    func shareScale(queryShare: Double) -> ShareScale {
        ShareScale(
            queryShare: queryShare,
            examplePowers: exampleNorm.map { Foundation.pow($0, 2 - queryShare) })
    }

    /// Where each owner's examples end, when they are stored in owner order (as the builder
    /// stores them): owner `o`'s are `ends[o - 1]..<ends[o]` (from 0 for the first).
    struct OwnerRuns: Sendable {
        let ends: [Int]
    }

    /// The examples' owners as runs; nil when the examples are not in owner order.
    func ownerRuns() -> OwnerRuns? {
        var ends = [Int](repeating: 0, count: intentIDs.count)
        var previous = 0
        for (example, owner) in exampleIntent.enumerated() {
            guard owner >= previous, owner < ends.count else { return nil }
            previous = owner
            ends[owner] = example + 1
        }
        // An owner with no examples ends where the one before it does.
        for owner in ends.indices.dropFirst() where ends[owner] < ends[owner - 1] {
            ends[owner] = ends[owner - 1]
        }
        return OwnerRuns(ends: ends)
    }

    /// ``scores(_:scratch:queryShare:)`` with the example side worked out before; nil `scale` is
    /// the cosine (query share 1). With `runs` (this index's ``ownerRuns()``), a query whose
    /// features have more postings than half the examples (the answers' index, where
    /// "magnesium" and its topic are in most questions) is scored over every example in order,
    /// without listing those it touches.
    func scores(
        _ query: Phrase, scratch: ScoringScratch, scale: ShareScale?, runs: OwnerRuns? = nil
    )
        -> [Double]
    {
        var best = [Double](repeating: 0, count: intentIDs.count)
        guard !query.keys.isEmpty || !query.topics.isEmpty else { return best }
        let features = queryFeatures(query)
        let queryNorm = features.norm(idf: self.idf, unknownWeight: unknownWeight)
        guard queryNorm > 0 else { return best }
        let queryPower = scale.map { Foundation.pow(queryNorm, $0.queryShare) } ?? queryNorm
        let exampleDivisor = scale?.examplePowers ?? exampleNorm
        // The closure reads the weights alone: reading them through `self` copied the whole
        // index (a retain and release of every column) for every query.
        let idf = self.idf
        let knownFeatures = features.known
        let weights = zip(knownFeatures, features.knownCounts).map { $0.1 * idf[$0.0] }
        if let runs {
            let postings = postingStart.withUnsafeBufferPointer { starts in
                knownFeatures.reduce(0) { $0 + starts[$1 + 1] - starts[$1] }
            }
            if postings * 2 > exampleNorm.count {
                denseScores(
                    &best, features: knownFeatures, weights: weights, queryPower: queryPower,
                    divisors: exampleDivisor, runs: runs, scratch: scratch)
                return best
            }
        }
        sparseScores(
            &best, features: knownFeatures, weights: weights, queryPower: queryPower,
            divisors: exampleDivisor, scratch: scratch)
        return best
    }

    /// A query's features in the order they occur, with counts: summing in a fixed order keeps
    /// scores bit-for-bit the same in every run.
    private struct QueryFeatures {
        var known: [Int] = []
        var knownCounts: [Double] = []
        var unknown: [(word: String, count: Double)] = []

        mutating func add(_ feature: Int) {
            if let index = known.firstIndex(of: feature) {
                knownCounts[index] += 1
            } else {
                known.append(feature)
                knownCounts.append(1)
            }
        }

        mutating func addUnknown(_ word: String) {
            if let at = unknown.firstIndex(where: { $0.word == word }) {
                unknown[at].count += 1
            } else {
                unknown.append((word, 1))
            }
        }

        /// `|query|`: the unknown words' weights, then the known features', in that order.
        func norm(idf: [Double], unknownWeight: Double) -> Double {
            var queryNorm = 0.0
            for entry in unknown {
                queryNorm += (entry.count * unknownWeight) * (entry.count * unknownWeight)
            }
            for (feature, count) in zip(known, knownCounts) {
                let weight = count * idf[feature]
                queryNorm += weight * weight
            }
            return queryNorm.squareRoot()
        }
    }

    /// The query's words, then its topics' `@` marks, then the pairs of words next to each other.
    private func queryFeatures(_ query: Phrase) -> QueryFeatures {
        var features = QueryFeatures()
        let featureCapacity = 2 * query.keys.count + query.topics.count
        features.known.reserveCapacity(featureCapacity)
        features.knownCounts.reserveCapacity(featureCapacity)
        // The previous key's feature, for the pair it makes with the next; pairs are counted
        // after every word, as they always were.
        var pairs: [Int] = []
        pairs.reserveCapacity(query.keys.count)
        var previousKey: Int?
        for key in query.keys {
            let id = wordID[key]
            if let id {
                features.add(id)
                if let previousKey, let pair = pairID[Self.pairKey(previousKey, id)] {
                    pairs.append(pair)
                }
            } else {
                features.addUnknown(key)
            }
            previousKey = id
        }
        for topic in query.topics {
            let word = "@" + topic
            if let id = wordID[word] { features.add(id) } else { features.addUnknown(word) }
        }
        for pair in pairs { features.add(pair) }
        return features
    }

    /// The scores of a query that touches few examples: only the examples its postings touch are
    /// listed, scored and set back to zero.
    private func sparseScores(
        _ best: inout [Double], features knownFeatures: [Int], weights: [Double],
        queryPower: Double, divisors exampleDivisor: [Double], scratch: ScoringScratch
    ) {
        // The columns as locals, as `idf` in ``scores(_:scratch:scale:runs:)``.
        let (postingExample, postingWeight, postingStart, exampleIntent) = (
            self.postingExample, self.postingWeight, self.postingStart, self.exampleIntent
        )
        best.withUnsafeMutableBufferPointer { best in
            scratch.use(exampleCount: exampleNorm.count, listCapacity: postingExample.count + 1) {
                dot, touched in
                // The innermost loops of every question: unchecked reads, since the compiled
                // cache's decoder and the builder both guarantee every posting names an example
                // and every example an owner, and `touched` has room for every posting and one
                // more. An example is listed when its sum is still zero: once, unless a sum
                // underflows to zero (two tiny weights), and then listing it again only works
                // out its score again. Both loops are free of branches on the data, which no
                // predictor guesses: each example is written at the end of the list and counted
                // only if its sum was zero, and an owner's best is always written, the larger of
                // the two.
                var touchedCount = 0
                postingExample.withUnsafeBufferPointer { examples in
                    postingWeight.withUnsafeBufferPointer { postingWeights in
                        postingStart.withUnsafeBufferPointer { starts in
                            for (feature, weight) in zip(knownFeatures, weights) {
                                for position in starts[feature]..<starts[feature + 1] {
                                    let example = Int(examples[position])
                                    let sum = dot[example]
                                    touched[touchedCount] = Int32(truncatingIfNeeded: example)
                                    touchedCount &+= sum == 0 ? 1 : 0
                                    dot[example] = sum + weight * postingWeights[position]
                                }
                            }
                        }
                    }
                }
                exampleIntent.withUnsafeBufferPointer { owners in
                    exampleDivisor.withUnsafeBufferPointer { divisors in
                        for example in touched[..<touchedCount] {
                            let example = Int(example)
                            let score = min(1, dot[example] / (queryPower * divisors[example]))
                            let intent = owners[example]
                            let current = best[intent]
                            best[intent] = score > current ? score : current
                            dot[example] = 0
                        }
                    }
                }
            }
        }
    }

    /// The scores of a query that touches most examples: every posting added with no note of
    /// which examples it touched, then every example's score worked out in order and each
    /// owner's best taken over its run. The same sums in the same order as listing the examples
    /// touched; an example none of the features touches keeps 0, which raises no owner's best.
    private func denseScores(
        _ best: inout [Double], features: [Int], weights: [Double], queryPower: Double,
        divisors: [Double], runs: OwnerRuns, scratch: ScoringScratch
    ) {
        let exampleCount = exampleNorm.count
        best.withUnsafeMutableBufferPointer { best in
            scratch.use(exampleCount: exampleCount, listCapacity: 0) { dot, _ in
                // Unchecked reads, as in the listing loop (see ``scores(_:scratch:scale:runs:)``).
                postingExample.withUnsafeBufferPointer { examples in
                    postingWeight.withUnsafeBufferPointer { postingWeights in
                        postingStart.withUnsafeBufferPointer { starts in
                            for (feature, weight) in zip(features, weights) {
                                for position in starts[feature]..<starts[feature + 1] {
                                    dot[Int(examples[position])] +=
                                        weight * postingWeights[position]
                                }
                            }
                        }
                    }
                }
                guard let sums = dot.baseAddress else { return }
                // Each example's score, and the largest of each run as it goes (the largest is
                // one of the scores whatever the order it is looked for in), in one pass: the
                // sums are read once and set back to zero as they are read.
                divisors.withUnsafeBufferPointer { divisors in
                    guard let divisors = divisors.baseAddress else { return }
                    runs.ends.withUnsafeBufferPointer { ends in
                        var start = 0
                        for owner in 0..<ends.count {
                            let end = ends[owner]
                            best[owner] = Self.bestOfRun(
                                sums, divisors, start..<end, queryPower: queryPower)
                            start = end
                        }
                        // Examples past the last owner's (none, from the builder) back to zero
                        // too.
                        if start < exampleCount { dot[start...].update(repeating: 0) }
                    }
                }
            }
        }
    }

    /// The largest score of the examples in `run` (0 for none), each `min(1, sum / (queryPower ·
    /// divisor))` as in the listing loop, two at a time, with their sums set back to zero.
    @inline(__always)
    private static func bestOfRun(
        _ sums: UnsafeMutablePointer<Double>, _ divisors: UnsafePointer<Double>, _ run: Range<Int>,
        queryPower: Double
    ) -> Double {
        var pair = SIMD2<Double>(repeating: 0)
        var example = run.lowerBound
        while example &+ 2 <= run.upperBound {
            let sum = SIMD2(sums[example], sums[example &+ 1])
            let divisor = SIMD2(divisors[example], divisors[example &+ 1])
            var score = sum / (queryPower * divisor)
            // `min(1, score)`, which is `score < 1 ? score : 1`.
            score.replace(with: 1, where: .!(score .< 1))
            pair.replace(with: score, where: score .> pair)
            sums[example] = 0
            sums[example &+ 1] = 0
            example &+= 2
        }
        var top = pair[1] > pair[0] ? pair[1] : pair[0]
        if example < run.upperBound {
            let score = min(1, sums[example] / (queryPower * divisors[example]))
            if score > top { top = score }
            sums[example] = 0
        }
        return top
    }
}

/// Per-example sums for ``IntentClassifier/scores(_:scratch:)``, kept between questions: clearing
/// only the examples a question touched keeps the cost with the words asked, not with the number
/// of example phrasings. Sessions on several threads each take their own buffer.
final class ScoringScratch: Sendable {
    /// A sum per example, all zero between uses, and room to list the examples touched.
    /// Owned memory, so handing it to a question never copies it.
    private final class Buffer: @unchecked Sendable {
        let dot: UnsafeMutableBufferPointer<Double>
        let touched: UnsafeMutableBufferPointer<Int32>

        init(exampleCount: Int, listCapacity: Int) {
            dot = .allocate(capacity: exampleCount)
            dot.initialize(repeating: 0)
            touched = .allocate(capacity: listCapacity)
            touched.initialize(repeating: 0)
        }

        deinit {
            dot.deallocate()
            touched.deallocate()
        }
    }

    private let spare = Mutex<[Buffer]>([])

    /// Runs `body` with a zeroed sum per example and room to list `listCapacity` examples; `body`
    /// must set every sum it touches back to zero.
    func use(
        exampleCount: Int, listCapacity: Int,
        _ body: (UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Int32>) -> Void
    ) {
        var buffer =
            spare.withLock { $0.popLast() }
            ?? Buffer(exampleCount: exampleCount, listCapacity: listCapacity)
        if buffer.dot.count != exampleCount || buffer.touched.count < listCapacity {
            buffer = Buffer(exampleCount: exampleCount, listCapacity: listCapacity)
        }
        body(buffer.dot, buffer.touched)
        spare.withLock { $0.append(buffer) }
    }
}

/// What was worked out already (scores, a line read), by what it was worked out from, shared by
/// every session of one Knowledge: a query comes back within a question (a line read together with the one before holds that
/// line's clauses, and the answering thread scores again what the reader scored) and across
/// questions (a question asked again, "is it safe?" with the same focus), and scoring one costs
/// far more than finding it. Scoring (and reading a line) is a function of the query alone, so
/// what is found here is the very value working it out again would give.
///
/// Two generations of at most `capacity` queries each: when the newer is full the older is
/// dropped and the newer takes its place, so the queries asked lately stay without any record
/// of ages.
///
/// A query is hashed once a look-up, with ``FastHash`` over its words' bytes: the standard
/// library's hashing of each word, once per generation looked in, cost a tenth of scoring.
final class Memo<Query: MemoQuery, Value: Sendable>: Sendable {
    /// A query with its hash.
    private struct Key: Hashable {
        let query: Query
        let hash: UInt64

        init(_ query: Query) {
            var hasher = FastHash()
            query.combine(into: &hasher)
            self.query = query
            self.hash = hasher.finish()
        }

        static func == (lhs: Key, rhs: Key) -> Bool {
            lhs.hash == rhs.hash && lhs.query == rhs.query
        }

        func hash(into hasher: inout Hasher) { hasher.combine(hash) }
    }

    private struct Generations {
        var recent: [Key: Value] = [:]
        var older: [Key: Value] = [:]

        mutating func insert(_ value: Value, for query: Key, capacity: Int) {
            if recent.count >= capacity {
                swap(&recent, &older)
                recent.removeAll(keepingCapacity: true)
            }
            recent[query] = value
        }
    }

    private let generations = Mutex(Generations())
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The value of `query`, from the memo or from `workOut` (then kept).
    func value(of query: Query, workOut: (Query) -> Value) -> Value {
        let capacity = self.capacity
        let key = Key(query)
        let known = generations.withLock { generations -> Value? in
            if let value = generations.recent[key] { return value }
            guard let value = generations.older[key] else { return nil }
            generations.insert(value, for: key, capacity: capacity)
            return value
        }
        if let known { return known }
        let value = workOut(query)
        generations.withLock { $0.insert(value, for: key, capacity: capacity) }
        return value
    }
}

/// Scores by what was scored.
typealias ScoreMemo<Query: MemoQuery> = Memo<Query, [Double]>

/// What ``Memo`` keeps values by: compared whole, hashed by its words' bytes.
protocol MemoQuery: Equatable, Sendable {
    func combine(into hasher: inout FastHash)
}

extension FastHash {
    /// The text's UTF-8 bytes, with their count.
    mutating func combine(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ combine(bytes: $0) }) == nil {
            combine(bytes: Array(text.utf8))
        }
    }

    /// Each text, with their count.
    mutating func combine(_ texts: [String]) {
        combine(UInt64(texts.count))
        for text in texts { combine(text) }
    }
}

extension String: MemoQuery {
    func combine(into hasher: inout FastHash) { hasher.combine(self) }
}

extension IntentClassifier.Phrase: MemoQuery {
    func combine(into hasher: inout FastHash) {
        hasher.combine(keys)
        hasher.combine(topics)
    }
}

extension AnswerQuery: MemoQuery {
    func combine(into hasher: inout FastHash) {
        phrase.combine(into: &hasher)
        hasher.combine(lineGroups)
    }
}

/// What the red-flag reader reads: each word as read and as typed ("" when not corrected), and
/// the break before each word.
struct RedFlagQuery: MemoQuery {
    let words: [String]
    let typed: [String]
    let breaks: [UInt8]

    func combine(into hasher: inout FastHash) {
        hasher.combine(words)
        hasher.combine(typed)
        hasher.combine(bytes: breaks)
    }
}

/// A bounded memo of spelling corrections shared by every session of one Knowledge.
final class CorrectionMemo: Sendable {
    private let table = Mutex<[String: [String]]>([:])
    static let capacity = 4_096

    func corrections(for word: String, using corrector: SpellingCorrector) -> [String] {
        if let known = table.withLock({ $0[word] }) { return known }
        let found = corrector.corrections(for: word)
        table.withLock { memo in
            // Full: start afresh rather than track ages; the common typos come back within a few
            // questions.
            if memo.count >= Self.capacity { memo.removeAll(keepingCapacity: true) }
            memo[word] = found
        }
        return found
    }
}

extension Understander.Tables {
    /// Builds every table from the graph (what the compiled cache spares a start-up).
    package init(graph: Graph) {
        let synonymTable = Self.synonymTable(graph)
        let aliasTable = Self.aliasTable(graph)
        let aliasIndex = Understander.AliasIndex(aliasTable)
        let targets = SpellingCorrector.targets(from: Self.vocabulary(graph))
        let known = targets.union(graph.lexicon.commonWords.flatMap(Normalizer.words))

        // Examples go through the same synonyms and topic placeholders as questions do.
        let phrase = { (words: [String]) -> IntentClassifier.Phrase in
            let tokens = YoungAge.readingAges(
                Understander.applySynonyms(words.map(Token.init(text:)), synonymTable)[...])
            let (keys, mentions) = Understander.replaceMentions(
                tokens[...], aliases: aliasTable, index: aliasIndex)
            return IntentClassifier.Phrase(keys: keys, topics: mentions.map(\.topicID))
        }
        let classifier = IntentClassifier(graph: graph, phrase: phrase)
        // An answer's questions keep their own words beside the topics they name: how an alias
        // happens to group the words ("magnesium for cramps" is one topic, "magnesium dose" and
        // "cramps" two) must not decide whether a question fits.
        let stopWords = Set(graph.lexicon.stopWords.flatMap(Normalizer.words))
        let answerClassifier = IntentClassifier(
            ids: graph.answers.map(\.id), examples: graph.answers.map(\.questions)
        ) { words in
            Understander.answerPhrase(
                YoungAge.readingAges(
                    Understander.applySynonyms(words.map(Token.init(text:)), synonymTable)[...])[
                        ...],
                aliases: aliasTable, index: aliasIndex, stopWords: stopWords)
        }
        self.init(
            synonyms: synonymTable, aliases: aliasTable, knownWords: known.sorted(),
            correctionTargets: targets.sorted(),
            redFlags: RedFlagTables(redFlags: graph.redFlags),
            claimKeywordKeys: graph.claims.map {
                $0.keywords.map { Normalizer.words($0).map(Stemmer.stem) }
            },
            // Single-word negations only: a phrase such as "don't" folds to "do not", and "do"
            // negates nothing.
            negationWords: Set(
                graph.lexicon.negations.map(Normalizer.words).filter { $0.count == 1 }.map { $0[0] }
            )
            .union(["not", "no", "never", "longer", "stopped"]),
            leadingTagWords: graph.lexicon.leadingTags.map(Normalizer.words).filter { !$0.isEmpty },
            classifier: classifier, answerClassifier: answerClassifier,
            answerTopics: Understander.answerTopicTable(
                graph: graph, answerClassifier: answerClassifier, aliases: aliasTable))
    }

    /// Synonym rules by their first word, longest first.
    private static func synonymTable(_ graph: Graph) -> [String: [Understander.SynonymRule]] {
        var table: [String: [Understander.SynonymRule]] = [:]
        for (from, to) in graph.lexicon.synonyms {
            // Synonyms match exact words, not stems: "hows" must not rewrite every "how".
            let words = Normalizer.words(from)
            guard let first = words.first else { continue }
            table[first, default: []].append(
                Understander.SynonymRule(words: words, replacement: Normalizer.words(to)))
        }
        for key in table.keys { table[key]!.sort { $0.words.count > $1.words.count } }
        return table
    }

    /// Every topic's names as stemmed keys, by their first key, longest first.
    private static func aliasTable(_ graph: Graph) -> [String: [Understander.AliasRule]] {
        var table: [String: [Understander.AliasRule]] = [:]
        var seen = Set<String>()
        for topic in graph.topics {
            // "citrate" alone means magnesium citrate: a form is named by what sets it apart.
            let shortName =
                topic.kind == "form" && topic.name.hasPrefix("magnesium ")
                ? [String(topic.name.dropFirst("magnesium ".count))] : []
            for name in [topic.name, topic.id.replacingOccurrences(of: "-", with: " ")]
                + topic.aliases + shortName
            {
                let words = Normalizer.words(name)
                // "Her kidneys were stage 3" names what "her kidneys are stage 3" does: a name
                // that says what something is also names it said in the past.
                let pastTense = words.map { Self.pastOfToBe[$0] ?? $0 }
                for said in pastTense == words ? [words] : [words, pastTense] {
                    let keys = said.map(Stemmer.stem)
                    guard let first = keys.first, seen.insert(keys.joined(separator: " ")).inserted
                    else { continue }
                    table[first, default: []].append(
                        Understander.AliasRule(
                            keys: keys, topicID: topic.id, placeholder: "#" + topic.kind))
                }
            }
        }
        for key in table.keys { table[key]!.sort { $0.keys.count > $1.keys.count } }
        return table
    }

    private static let pastOfToBe = ["is": "was", "are": "were"]

    /// The words spelling corrects towards: topic names and ids, and every word of the
    /// phrasings, synonyms, claim keywords and red-flag vocabulary.
    private static func vocabulary(_ graph: Graph) -> Set<String> {
        var words = Set<String>()
        for topic in graph.topics {
            for name in [topic.name] + topic.aliases { words.formUnion(Normalizer.words(name)) }
            words.formUnion(Normalizer.words(topic.id.replacingOccurrences(of: "-", with: " ")))
        }
        for intent in graph.intents {
            for example in intent.examples { words.formUnion(Normalizer.words(example)) }
        }
        for answer in graph.answers {
            for question in answer.questions { words.formUnion(Normalizer.words(question)) }
        }
        for (from, to) in graph.lexicon.synonyms {
            words.formUnion(Normalizer.words(from) + Normalizer.words(to))
        }
        for claim in graph.claims { words.formUnion(claim.keywords.flatMap(Normalizer.words)) }
        words.formUnion(RedFlagTables.correctionWords(graph.redFlags))
        return words
    }
}

extension IntentClassifier {
    /// Indexes every intent's example phrasings, each read by `phrase` as a question is.
    init(graph: Graph, phrase: ([String]) -> Phrase) {
        self.init(
            ids: graph.intents.map(\.id), examples: graph.intents.map(\.examples), phrase: phrase)
    }

    /// Indexes the example phrasings of each owner (an intent, a designed answer), in owner order.
    init(ids: [String], examples examplesOfOwner: [[String]], phrase: ([String]) -> Phrase) {
        intentIDs = ids
        var numbering = FeatureNumbering()
        var examples: [(intent: Int, features: [Int])] = []
        for (i, owned) in examplesOfOwner.enumerated() {
            for example in owned {
                let features = numbering.features(of: phrase(Normalizer.words(example)))
                // A phrasing with no words (only punctuation) can match nothing, and its norm would
                // be zero.
                if !features.isEmpty { examples.append((i, features)) }
            }
        }
        let featureCount = numbering.count
        let intentCount = Double(max(ids.count, 1))
        let idf = Self.inverseOwnerFrequencies(
            examples, featureCount: featureCount, intentCount: intentCount)
        let (lists, norms, owners) = Self.weightedPostings(
            examples, idf: idf, featureCount: featureCount)
        let (starts, exampleColumn, weightColumn) = Self.postingColumns(lists)
        self.wordID = numbering.wordID
        self.pairID = PairFeatures(numbering.pairID)
        self.idf = idf
        postingStart = starts
        postingExample = exampleColumn
        postingWeight = weightColumn
        unknownWeight = log(1 + intentCount / 2)
        exampleNorm = norms
        exampleIntent = owners
    }

    /// Feature ids in the order they are first met, from one count: words and `@topic` marks by
    /// text, word pairs by the ids of their two words.
    private struct FeatureNumbering {
        var wordID: [String: Int] = [:]
        var pairID: [Int: Int] = [:]
        var count = 0

        mutating func id(_ word: String) -> Int {
            if let known = wordID[word] { return known }
            wordID[word] = count
            count += 1
            return count - 1
        }

        /// An example's features: its words, the pairs of words next to each other, then its
        /// topics' marks, numbered in that order.
        mutating func features(of parsed: Phrase) -> [Int] {
            var keyIDs: [Int] = []
            keyIDs.reserveCapacity(parsed.keys.count)
            for key in parsed.keys { keyIDs.append(id(key)) }
            var features = keyIDs
            if keyIDs.count > 1 {
                for j in 1..<keyIDs.count {
                    let key = IntentClassifier.pairKey(keyIDs[j - 1], keyIDs[j])
                    if let known = pairID[key] {
                        features.append(known)
                    } else {
                        pairID[key] = count
                        features.append(count)
                        count += 1
                    }
                }
            }
            for topic in parsed.topics { features.append(id("@" + topic)) }
            return features
        }
    }

    /// Each feature's idf over owners, not examples: an owner with many phrasings of a word does
    /// not make the word common.
    private static func inverseOwnerFrequencies(
        _ examples: [(intent: Int, features: [Int])], featureCount: Int, intentCount: Double
    ) -> [Double] {
        var intentsWith = [Set<Int>](repeating: [], count: featureCount)
        for example in examples {
            for feature in example.features { intentsWith[feature].insert(example.intent) }
        }
        return intentsWith.map { $0.isEmpty ? 0 : log(1 + intentCount / Double($0.count)) }
    }

    /// Each feature's postings (example and weight), with each example's norm and owner; an
    /// example's features are weighed in feature order, so its norm sums in a fixed order.
    private static func weightedPostings(
        _ examples: [(intent: Int, features: [Int])], idf: [Double], featureCount: Int
    ) -> (lists: [[(example: Int32, weight: Double)]], norms: [Double], owners: [Int]) {
        var lists = [[(example: Int32, weight: Double)]](repeating: [], count: featureCount)
        var norms: [Double] = []
        var owners: [Int] = []
        for (index, example) in examples.enumerated() {
            var counts: [Int: Double] = [:]
            for feature in example.features { counts[feature, default: 0] += 1 }
            var norm = 0.0
            for (feature, count) in counts.sorted(by: { $0.key < $1.key }) {
                let weight = count * idf[feature]
                lists[feature].append((Int32(index), weight))
                norm += weight * weight
            }
            norms.append(norm.squareRoot())
            owners.append(example.intent)
        }
        return (lists, norms, owners)
    }

    /// The postings as flat columns, feature after feature: feature `f`'s are
    /// `starts[f]..<starts[f + 1]`.
    private static func postingColumns(_ lists: [[(example: Int32, weight: Double)]]) -> (
        starts: [Int], examples: [Int32], weights: [Double]
    ) {
        var starts = [0]
        var exampleColumn: [Int32] = []
        var weightColumn: [Double] = []
        for list in lists {
            for entry in list {
                exampleColumn.append(entry.example)
                weightColumn.append(entry.weight)
            }
            starts.append(exampleColumn.count)
        }
        return (starts, exampleColumn, weightColumn)
    }
}
