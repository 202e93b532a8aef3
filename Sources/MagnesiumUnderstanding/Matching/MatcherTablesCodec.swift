import MagnesiumKnowledge
import MagnesiumText

/// The matcher's tables in the compiled form (see ``CompiledGraph``): building them from the
/// graph stems and indexes every alias and example phrasing, which costs more than the rest of a
/// start-up, so the cache keeps them next to the graph they were built from.
///
/// Dictionaries are written in key order so the same tables always give the same bytes. Decoding
/// checks every index against the graph just decoded: tables that do not fit it are rejected,
/// never trusted.
extension GraphEncoder {
    package mutating func matcher(_ tables: Understander.Tables) {
        keyedRules(tables.synonyms) { encoder, rule in
            encoder.stringList(rule.words)
            encoder.stringList(rule.replacement)
        }
        keyedRules(tables.aliases) { encoder, rule in
            encoder.stringList(rule.keys)
            encoder.string(rule.topicID)
            encoder.string(rule.placeholder)
        }
        stringList(tables.knownWords)
        stringList(tables.correctionTargets)
        redFlags(tables.redFlags)
        list(tables.claimKeywordKeys) { encoder, keywords in
            encoder.list(keywords) { $0.stringList($1) }
        }
        stringList(tables.negationWords.sorted())
        list(tables.leadingTagWords) { $0.stringList($1) }
        classifier(tables.classifier)
        classifier(tables.answerClassifier)
    }

    private mutating func classifier(_ classifier: IntentClassifier) {
        stringList(classifier.intentIDs)
        list(classifier.exampleIntent) { $0.out.varint(UInt64($1)) }
        list(classifier.exampleNorm) { $0.out.fixed64($1.bitPattern) }
        list(classifier.wordID.sorted { $0.key < $1.key }) { encoder, entry in
            encoder.string(entry.key)
            encoder.out.varint(UInt64(entry.value))
        }
        list(classifier.pairID.sorted { $0.key < $1.key }) { encoder, entry in
            encoder.out.varint(UInt64(entry.key))
            encoder.out.varint(UInt64(entry.value))
        }
        list(classifier.idf) { $0.out.fixed64($1.bitPattern) }
        list(classifier.postingStart) { $0.out.varint(UInt64($1)) }
        list(classifier.postingExample) { $0.out.varint(UInt64($1)) }
        list(classifier.postingWeight) { $0.out.fixed64($1.bitPattern) }
        out.fixed64(classifier.unknownWeight.bitPattern)
    }

    private mutating func redFlags(_ tables: RedFlagTables) {
        out.varint(UInt64(tables.conceptCount))
        keyedRules(tables.byWord) { $0.redFlagPhrase($1) }
        keyedRules(tables.byPrefix) { $0.redFlagPhrase($1) }
        list(tables.prefixLengths) { $0.out.varint(UInt64($1)) }
        list(tables.byNumber) { $0.redFlagPhrase($1) }
        list(tables.built) { encoder, built in
            encoder.out.varint(UInt64(built.concept))
            encoder.redFlagPatterns(built.patterns)
        }
        list(tables.rules) { encoder, rule in
            encoder.redFlagPatterns(rule.patterns)
            encoder.out.varint(UInt64(rule.ignored))
        }
        list(tables.cues) { $0.out.signed($1) }
    }

    private mutating func redFlagPhrase(_ phrase: RedFlagTables.Phrase) {
        list(phrase.words) { encoder, word in
            switch word {
            case .exact(let text):
                encoder.out.bytes.append(0)
                encoder.string(text)
            case .prefix(let stem):
                encoder.out.bytes.append(1)
                encoder.string(stem)
            case .number(let atLeast, let atMost):
                encoder.out.bytes.append(2)
                encoder.optionalDouble(atLeast)
                encoder.optionalDouble(atMost)
            }
        }
        list(phrase.concepts) { $0.out.varint(UInt64($1)) }
        out.bytes.append(phrase.isCue ? 1 : 0)
    }

    private mutating func redFlagPatterns(_ patterns: [RedFlagTables.Pattern]) {
        list(patterns) { encoder, pattern in
            encoder.list(pattern.groups) { encoder, group in
                encoder.list(group) { $0.out.varint(UInt64($1)) }
            }
            encoder.out.varint(UInt64(pattern.within))
            encoder.out.bytes.append(pattern.acrossSentences ? 1 : 0)
        }
    }

    private mutating func list<Element>(
        _ values: [Element], _ element: (inout GraphEncoder, Element) -> Void
    ) {
        out.varint(UInt64(values.count))
        for value in values { element(&self, value) }
    }

    private mutating func keyedRules<Rule>(
        _ table: [String: [Rule]], _ rule: (inout GraphEncoder, Rule) -> Void
    ) {
        list(table.sorted { $0.key < $1.key }) { encoder, entry in
            encoder.string(entry.key)
            encoder.list(entry.value, rule)
        }
    }
}

extension GraphDecoder {
    /// The matcher's tables, checked against `graph`.
    package mutating func matcher(for graph: Graph) throws -> Understander.Tables {
        let synonyms = try keyedRules(firstWord: \.words) { decoder in
            Understander.SynonymRule(
                words: try decoder.stringList(), replacement: try decoder.stringList())
        }
        let aliases = try keyedRules(firstWord: \.keys) { decoder in
            let rule = Understander.AliasRule(
                keys: try decoder.stringList(), topicID: try decoder.string(),
                placeholder: try decoder.string())
            guard graph.topicIndex[rule.topicID] != nil else {
                throw Self.failure("alias of unknown topic \(rule.topicID)")
            }
            return rule
        }
        let knownWords = try stringList()
        let correctionTargets = try stringList()
        let redFlags = try self.redFlags(for: graph)
        let claimKeywordKeys = try array { decoder in try decoder.array { try $0.stringList() } }
        guard claimKeywordKeys.count == graph.claims.count else {
            throw Self.failure(
                "keywords for \(claimKeywordKeys.count) claims, not \(graph.claims.count)")
        }
        let negationWords = Set(try stringList())
        let leadingTagWords = try array { try $0.stringList() }
        let classifier = try self.classifier(for: graph.intents.map(\.id))
        let answerClassifier = try self.classifier(for: graph.answers.map(\.id))
        return Understander.Tables(
            synonyms: synonyms, aliases: aliases, knownWords: knownWords,
            correctionTargets: correctionTargets,
            redFlags: redFlags, claimKeywordKeys: claimKeywordKeys, negationWords: negationWords,
            leadingTagWords: leadingTagWords, classifier: classifier,
            answerClassifier: answerClassifier)
    }

    /// A classifier whose owners must be `ids` (the graph's intents, or its answers), in order.
    private mutating func classifier(for ids: [String]) throws -> IntentClassifier {
        let intentIDs = try stringList()
        guard intentIDs == ids else {
            throw Self.failure("the matcher's intents or answers are not the graph's")
        }
        let exampleIntent = try array { try $0.index(below: intentIDs.count) }
        let exampleNorm = try array { Double(bitPattern: try $0.reader.fixed64()) }
        guard exampleNorm.count == exampleIntent.count else {
            throw Self.failure("\(exampleNorm.count) norms for \(exampleIntent.count) examples")
        }
        let wordEntries = try array { decoder in (try decoder.string(), try decoder.reader.varint())
        }
        let pairEntries = try array { decoder in
            (try decoder.reader.varint(), try decoder.reader.varint())
        }
        let idf = try array { Double(bitPattern: try $0.reader.fixed64()) }
        let postingStart = try array { try $0.index(below: Int.max) }
        let postingExample = try array { Int32(try $0.index(below: exampleIntent.count)) }
        let postingWeight = try array { Double(bitPattern: try $0.reader.fixed64()) }
        let unknownWeight = Double(bitPattern: try reader.fixed64())

        guard postingStart.count == idf.count + 1, postingStart.first == 0,
            postingStart.last == postingExample.count,
            postingWeight.count == postingExample.count,
            zip(postingStart, postingStart.dropFirst()).allSatisfy({ $0 <= $1 })
        else { throw Self.failure("posting lists do not fit together") }
        // Scores are similarities: a weight that is zero, negative or not a number has no meaning
        // here.
        guard idf.allSatisfy({ $0 > 0 && $0.isFinite }),
            postingWeight.allSatisfy({ $0 > 0 && $0.isFinite }),
            exampleNorm.allSatisfy({ $0 > 0 && $0.isFinite }), unknownWeight > 0,
            unknownWeight.isFinite
        else { throw Self.failure("a weight that is not a positive number") }
        var wordID: [String: Int] = [:]
        wordID.reserveCapacity(wordEntries.count)
        for (word, id) in wordEntries {
            guard id < UInt64(idf.count), wordID.updateValue(Int(id), forKey: word) == nil else {
                throw Self.failure("feature \(word)")
            }
        }
        var pairID: [Int: Int] = [:]
        pairID.reserveCapacity(pairEntries.count)
        for (key, id) in pairEntries {
            guard key <= UInt64(Int.max), id < UInt64(idf.count),
                pairID.updateValue(Int(id), forKey: Int(key)) == nil
            else { throw Self.failure("word pair feature \(key)") }
        }
        return IntentClassifier(
            intentIDs: intentIDs, exampleIntent: exampleIntent, exampleNorm: exampleNorm,
            wordID: wordID, pairID: pairID, idf: idf,
            postingStart: postingStart, postingExample: postingExample,
            postingWeight: postingWeight, unknownWeight: unknownWeight)
    }

    /// The red-flag reader's tables, every concept and rule position checked against `graph`.
    private mutating func redFlags(for graph: Graph) throws -> RedFlagTables {
        let conceptCount = try reader.count()
        guard conceptCount == graph.redFlags.concepts.count else {
            throw Self.failure(
                "\(conceptCount) red-flag concepts, not \(graph.redFlags.concepts.count)")
        }
        let byWord = try redFlagPhrases(conceptCount: conceptCount) { word, key in
            word == .exact(key)
        }
        let byPrefix = try redFlagPhrases(conceptCount: conceptCount) { word, key in
            word == .prefix(key)
        }
        let prefixLengths = try array { try $0.index(below: Int(UInt16.max)) }
        guard prefixLengths.allSatisfy({ $0 > 0 }) else {
            throw Self.failure("a red-flag prefix length of 0")
        }
        let byNumber = try array { try $0.redFlagPhrase(conceptCount: conceptCount) }
        guard
            byNumber.allSatisfy({
                if case .number = $0.words[0] { return true } else { return false }
            })
        else {
            throw Self.failure("a red-flag number phrase that does not start with a number")
        }
        let built = try array { decoder in
            RedFlagTables.Built(
                concept: try decoder.index(below: conceptCount),
                patterns: try decoder.redFlagPatterns(conceptCount: conceptCount))
        }
        let rules = try array { decoder in
            RedFlagTables.Rule(
                patterns: try decoder.redFlagPatterns(conceptCount: conceptCount),
                ignored: UInt32(try decoder.index(below: 1 << RedFlagCue.guards.count)))
        }
        guard rules.count == graph.redFlags.rules.count else {
            throw Self.failure("\(rules.count) red-flag rules, not \(graph.redFlags.rules.count)")
        }
        let cues = try array { try $0.reader.signed() }
        guard cues.count == RedFlagCue.allCases.count,
            cues.allSatisfy({ $0 >= -1 && $0 < conceptCount })
        else {
            throw Self.failure("red-flag cues do not fit the concepts")
        }
        return RedFlagTables(
            conceptCount: conceptCount, byWord: byWord, byPrefix: byPrefix,
            prefixLengths: prefixLengths, byNumber: byNumber,
            built: built, rules: rules, cues: cues)
    }

    /// Phrases under the word they start with; a phrase that does not start with its key is
    /// corrupt.
    private mutating func redFlagPhrases(
        conceptCount: Int, startsWith: (RedFlagWord, String) -> Bool
    ) throws -> [String: [RedFlagTables.Phrase]] {
        let entries = try array { decoder in
            (
                try decoder.string(),
                try decoder.array { try $0.redFlagPhrase(conceptCount: conceptCount) }
            )
        }
        var table: [String: [RedFlagTables.Phrase]] = [:]
        for (key, phrases) in entries {
            guard !phrases.isEmpty, phrases.allSatisfy({ startsWith($0.words[0], key) }),
                table.updateValue(phrases, forKey: key) == nil
            else { throw Self.failure("red-flag phrases under \(key)") }
        }
        return table
    }

    private mutating func redFlagPhrase(conceptCount: Int) throws -> RedFlagTables.Phrase {
        let words = try array { decoder -> RedFlagWord in
            switch try decoder.reader.byte() {
            case 0: return .exact(try decoder.string())
            case 1: return .prefix(try decoder.string())
            case 2:
                return .number(
                    atLeast: try decoder.optionalDouble(), atMost: try decoder.optionalDouble())
            case let tag: throw Self.failure("red-flag word tag \(tag)")
            }
        }
        let concepts = try array { try $0.index(below: conceptCount) }
        let isCue = try flag()
        guard !words.isEmpty, !concepts.isEmpty else {
            throw Self.failure("an empty red-flag phrase")
        }
        return RedFlagTables.Phrase(words: words, concepts: concepts, isCue: isCue)
    }

    private mutating func redFlagPatterns(conceptCount: Int) throws -> [RedFlagTables.Pattern] {
        try array { decoder in
            let groups = try decoder.array { try $0.array { try $0.index(below: conceptCount) } }
            guard !groups.isEmpty, groups.allSatisfy({ !$0.isEmpty }) else {
                throw Self.failure("a red-flag pattern with an empty group")
            }
            return RedFlagTables.Pattern(
                groups: groups, within: try decoder.index(below: Int(UInt16.max)),
                acrossSentences: try decoder.flag())
        }
    }

    private static func failure(_ message: String) -> CompiledGraph.DecodingError {
        CompiledGraph.DecodingError(description: "matcher tables: " + message)
    }

    private mutating func index(below limit: Int) throws -> Int {
        let value = try reader.varint()
        guard value < UInt64(limit) else { throw Self.failure("index \(value) out of range") }
        return Int(value)
    }

    /// Rules under the word they start with; a rule that does not start with its key is corrupt.
    private mutating func keyedRules<Rule>(
        firstWord: KeyPath<Rule, [String]>, _ rule: (inout GraphDecoder) throws -> Rule
    ) throws -> [String: [Rule]] {
        let entries = try array { decoder in (try decoder.string(), try decoder.array(rule)) }
        var table: [String: [Rule]] = [:]
        table.reserveCapacity(entries.count)
        for (key, rules) in entries {
            guard !rules.isEmpty, rules.allSatisfy({ $0[keyPath: firstWord].first == key }),
                table.updateValue(rules, forKey: key) == nil
            else { throw Self.failure("rules under \(key)") }
        }
        return table
    }
}
