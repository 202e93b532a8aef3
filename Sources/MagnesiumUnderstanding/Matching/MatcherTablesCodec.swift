import MagnesiumKnowledge
import MagnesiumText

/// The matcher's tables in the compiled form (see ``CompiledGraph``): building them from the
/// graph stems and indexes every alias and example phrasing, which costs more than the rest of a
/// start-up, so the cache keeps them next to the graph they were built from.
///
/// Dictionaries are written in key order so the same tables always give the same bytes. Decoding
/// checks every index within the tables, then the tables against the graph decoded beside them:
/// tables that do not fit it are rejected, never trusted.
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
        answerTopics(tables.answerTopics)
    }

    /// The answers' topic table as built (its numbering included): ids and name words in number
    /// order, the bit sets as their non-zero words.
    private mutating func answerTopics(_ table: Understander.AnswerTopicTable) {
        stringList(table.topicIDs)
        list(table.needs) { encoder, needs in encoder.list(needs) { $0.out.varint(UInt64($1)) } }
        sparseWords(table.answerBits)
        sparseWords(table.lineageBits)
        stringList(table.numberOfNameWord.sorted { $0.value < $1.value }.map(\.key))
        list(table.names) { encoder, names in
            encoder.list(names) { encoder, name in
                encoder.list(name) { $0.out.varint(UInt64($1)) }
            }
        }
    }

    /// Words that are mostly zero, whose count the reader knows: the count of non-zero words, then
    /// each as its distance from the one before and its bits.
    private mutating func sparseWords(_ words: [UInt64]) {
        let nonZero = words.indices.filter { words[$0] != 0 }
        out.varint(UInt64(nonZero.count))
        var previous = -1
        for position in nonZero {
            out.varint(UInt64(position - previous - 1))
            out.fixed64(words[position])
            previous = position
        }
    }

    private mutating func classifier(_ classifier: IntentClassifier) {
        stringList(classifier.intentIDs)
        list(classifier.exampleIntent) { $0.out.varint(UInt64($1)) }
        list(classifier.exampleNorm) { $0.out.fixed64($1.bitPattern) }
        // The weights come before the features, so that the decoder can check each feature
        // against their count as it reads it.
        list(classifier.idf) { $0.out.fixed64($1.bitPattern) }
        list(classifier.wordID.sorted { $0.key < $1.key }) { encoder, entry in
            encoder.string(entry.key)
            encoder.out.varint(UInt64(entry.value))
        }
        pairFeatures(classifier.pairID, featureCount: classifier.idf.count)
        postings(classifier)
        out.fixed64(classifier.unknownWeight.bitPattern)
    }

    /// The word-pair features as three columns, read in one pass without decoding varints: each
    /// key's first and second word (its upper and lower 32 bits) and its feature, each in 2 bytes,
    /// or 4 when a value needs them.
    private mutating func pairFeatures(_ pairs: PairFeatures, featureCount: Int) {
        let sorted = pairs.sorted { $0.key < $1.key }
        let first = sorted.map { UInt64($0.key) >> 32 }
        let second = sorted.map { UInt64($0.key) & 0xFFFF_FFFF }
        let ids = sorted.map { UInt64($0.value) }
        out.varint(UInt64(sorted.count))
        for column in [first, second, ids] {
            let width = column.allSatisfy { $0 <= UInt64(UInt16.max) } ? 2 : 4
            out.bytes.append(UInt8(width))
            for value in column {
                for shift in stride(from: 0, to: width * 8, by: 8) {
                    out.bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
                }
            }
        }
    }

    /// The posting lists, most of the file: each list's length, then two columns over every
    /// posting in order, read in one pass without decoding varints: its example (2 bytes, or 4
    /// for a classifier of more than 65,535 examples), and its weight as the count of its feature
    /// in the example when the weight is that count (below 256) times the feature's idf, which is
    /// how the builder makes every weight (so the product read back has the same bits); else 0,
    /// and the weight's bits follow the columns, in posting order.
    private mutating func postings(_ classifier: IntentClassifier) {
        let starts = classifier.postingStart
        out.varint(UInt64(starts.count))
        for index in starts.indices {
            out.signed(index == 0 ? starts[0] : starts[index] - starts[index - 1])
        }
        let examples = classifier.postingExample
        out.varint(UInt64(examples.count))
        let width = classifier.exampleIntent.count > Int(UInt16.max) ? 4 : 2
        out.bytes.append(UInt8(width))
        for example in examples {
            let value = UInt32(truncatingIfNeeded: example)
            for shift in stride(from: 0, to: width * 8, by: 8) {
                out.bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift)))
            }
        }
        var times = [UInt8](repeating: 0, count: examples.count)
        var exceptions: [UInt64] = []
        for (feature, idf) in classifier.idf.enumerated() where feature + 1 < starts.count {
            let low = max(0, starts[feature])
            let high = min(examples.count, starts[feature + 1])
            guard low < high else { continue }
            for position in low..<high {
                let weight = classifier.postingWeight[position]
                let count = (weight / idf).rounded()
                if count >= 1, count <= 255, count * idf == weight {
                    times[position] = UInt8(count)
                } else {
                    exceptions.append(weight.bitPattern)
                }
            }
        }
        out.bytes.append(contentsOf: times)
        for bits in exceptions { out.fixed64(bits) }
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
    /// The matcher's tables, each checked on its own; ``check(_:fit:)`` then checks them against
    /// the graph (decoded meanwhile on another thread).
    package mutating func matcherTables() throws -> Understander.Tables {
        let synonyms = try keyedRules(firstWord: \.words) { decoder in
            Understander.SynonymRule(
                words: try decoder.stringList(), replacement: try decoder.stringList())
        }
        let aliases = try keyedRules(firstWord: \.keys) { decoder in
            Understander.AliasRule(
                keys: try decoder.stringList(), topicID: try decoder.string(),
                placeholder: try decoder.string())
        }
        let knownWords = try stringList()
        let correctionTargets = try stringList()
        let redFlags = try self.redFlags()
        let claimKeywordKeys = try sequence { decoder in
            try decoder.sequence { try $0.stringList() }
        }
        let negationWords = Set(try stringList())
        let leadingTagWords = try sequence { try $0.stringList() }
        let classifier = try self.classifier()
        let answerClassifier = try self.classifier()
        let answerTopics = try self.answerTopics()
        return Understander.Tables(
            synonyms: synonyms, aliases: aliases, knownWords: knownWords,
            correctionTargets: correctionTargets,
            redFlags: redFlags, claimKeywordKeys: claimKeywordKeys, negationWords: negationWords,
            leadingTagWords: leadingTagWords, classifier: classifier,
            answerClassifier: answerClassifier, answerTopics: answerTopics)
    }

    /// The answers' topic table as ``GraphEncoder/answerTopics(_:)`` wrote it: ids and name words
    /// each once, every number below their counts, bit sets of the sizes the counts give; the
    /// number of answers is checked against the graph by ``check(_:fit:)``.
    private mutating func answerTopics() throws -> Understander.AnswerTopicTable {
        let topicIDs = try stringList()
        let numberOfTopic = try numbers(of: topicIDs)
        let wordsPerSet = max(1, (topicIDs.count + 63) / 64)
        let needs = try sequence { try $0.sequence { try $0.index(below: topicIDs.count) } }
        // Both counts are at most the file's size times 64, so neither product overflows.
        let answerBits = try sparseWords(count: wordsPerSet * needs.count)
        let lineageBits = try sparseWords(count: wordsPerSet * topicIDs.count)
        let nameWords = try stringList()
        let numberOfNameWord = try numbers(of: nameWords)
        let names = try sequence { decoder in
            try decoder.sequence { try $0.sequence { try $0.index(below: nameWords.count) } }
        }
        guard names.count == topicIDs.count else {
            throw Self.failure("names for \(names.count) topics, not \(topicIDs.count)")
        }
        return Understander.AnswerTopicTable(
            topicIDs: topicIDs, numberOfTopic: numberOfTopic, wordsPerSet: wordsPerSet,
            answerBits: answerBits, needs: needs, lineageBits: lineageBits, names: names,
            numberOfNameWord: numberOfNameWord)
    }

    /// Each of `values` by its position; a value twice is corrupt.
    private func numbers(of values: [String]) throws -> [String: Int] {
        var numbers: [String: Int] = [:]
        numbers.reserveCapacity(values.count)
        for (number, value) in values.enumerated()
        where numbers.updateValue(number, forKey: value) != nil {
            throw Self.failure("\(value) numbered twice")
        }
        return numbers
    }

    /// `count` words as ``GraphEncoder/sparseWords(_:)`` wrote them; a word past the count is
    /// corrupt.
    private mutating func sparseWords(count: Int) throws -> [UInt64] {
        let nonZero = try reader.count()
        var words = [UInt64](repeating: 0, count: count)
        var position = -1
        for _ in 0..<nonZero {
            let step = try reader.varint()
            guard step < UInt64(count) else { throw Self.failure("a bit set out of range") }
            position += Int(step) + 1
            guard position < count else { throw Self.failure("a bit set out of range") }
            words[position] = try reader.fixed64()
        }
        return words
    }

    /// Throws unless `tables` fit `graph`: every alias names a topic of it, and the claims,
    /// red-flag concepts and rules, intents and answers the tables count and name are its own.
    package static func check(_ tables: Understander.Tables, fit graph: Graph) throws {
        for rules in tables.aliases.values {
            for rule in rules where graph.topicIndex[rule.topicID] == nil {
                throw Self.failure("alias of unknown topic \(rule.topicID)")
            }
        }
        let redFlags = tables.redFlags
        guard redFlags.conceptCount == graph.redFlags.concepts.count else {
            throw Self.failure(
                "\(redFlags.conceptCount) red-flag concepts, not \(graph.redFlags.concepts.count)")
        }
        guard redFlags.rules.count == graph.redFlags.rules.count else {
            throw Self.failure(
                "\(redFlags.rules.count) red-flag rules, not \(graph.redFlags.rules.count)")
        }
        guard tables.claimKeywordKeys.count == graph.claims.count else {
            throw Self.failure(
                "keywords for \(tables.claimKeywordKeys.count) claims, not \(graph.claims.count)")
        }
        guard tables.classifier.intentIDs.elementsEqual(graph.intents.lazy.map(\.id)),
            tables.answerClassifier.intentIDs.elementsEqual(graph.answers.lazy.map(\.id)),
            tables.answerTopics.needs.count == graph.answers.count
        else { throw Self.failure("the matcher's intents or answers are not the graph's") }
    }

    /// A classifier; its owners (the graph's intents, or its answers) are checked by
    /// ``check(_:fit:)``.
    private mutating func classifier() throws -> IntentClassifier {
        let intentIDs = try stringList()
        let exampleIntent = try sequence { try $0.index(below: intentIDs.count) }
        let exampleNorm = try doubles()
        guard exampleNorm.count == exampleIntent.count else {
            throw Self.failure("\(exampleNorm.count) norms for \(exampleIntent.count) examples")
        }
        let idf = try doubles()
        let wordID = try featuresByWord(featureCount: idf.count)
        let pairID = try featuresByPair(featureCount: idf.count)
        let (postingStart, postingExample, postingWeight) = try postings(
            idf: idf, exampleCount: exampleIntent.count)
        let unknownWeight = Double(bitPattern: try reader.fixed64())
        // Scores are similarities: a weight that is zero, negative or not a number has no meaning
        // here.
        guard idf.allSatisfy({ $0 > 0 && $0.isFinite }),
            postingWeight.allSatisfy({ $0 > 0 && $0.isFinite }),
            exampleNorm.allSatisfy({ $0 > 0 && $0.isFinite }), unknownWeight > 0,
            unknownWeight.isFinite
        else { throw Self.failure("a weight that is not a positive number") }
        return IntentClassifier(
            intentIDs: intentIDs, exampleIntent: exampleIntent, exampleNorm: exampleNorm,
            wordID: wordID, pairID: pairID, idf: idf,
            postingStart: postingStart, postingExample: postingExample,
            postingWeight: postingWeight, unknownWeight: unknownWeight)
    }

    /// A list of doubles as the encoder's `list` of `fixed64` wrote it (the count, then each
    /// value's 8 bytes), read as one column.
    private mutating func doubles() throws -> [Double] {
        let count = try reader.count()
        // `count` is no more than the bytes left, so the product does not overflow.
        let stored = UnsafeRawBufferPointer(try reader.take(count * 8))
        return [Double](unsafeUninitializedCapacity: count) { values, filled in
            for index in 0..<count {
                values[index] = Double(
                    bitPattern: UInt64(
                        littleEndian: stored.loadUnaligned(
                            fromByteOffset: index * 8, as: UInt64.self)))
            }
            filled = count
        }
    }

    /// Word and `@topic` features by their text, read straight into the table (no list of
    /// entries first); every feature below `featureCount`, no word twice.
    private mutating func featuresByWord(featureCount: Int) throws -> [String: Int] {
        let count = try reader.count()
        var table: [String: Int] = [:]
        table.reserveCapacity(count)
        for _ in 0..<count {
            let word = try string()
            let id = try reader.varint()
            guard id < UInt64(featureCount), table.updateValue(Int(id), forKey: word) == nil else {
                throw Self.failure("feature \(word)")
            }
        }
        return table
    }

    /// Word-pair features as ``GraphEncoder/pairFeatures(_:featureCount:)`` wrote them, in key
    /// order: keys that do not rise, or ids beyond `featureCount`, are corrupt.
    private mutating func featuresByPair(featureCount: Int) throws -> PairFeatures {
        let count = try reader.count()
        let first = try column(count: count)
        let second = try column(count: count)
        let ids = try column(count: count)
        var keys = [Int](repeating: 0, count: count)
        for index in 0..<count {
            // A first word past 31 bits would make a negative key.
            guard first[index] <= Int(Int32.max), ids[index] < featureCount else {
                throw Self.failure("word pair feature \(first[index]) \(second[index])")
            }
            keys[index] = first[index] << 32 | second[index]
        }
        guard let features = PairFeatures(ascendingKeys: keys, ids: ids) else {
            throw Self.failure("word pair features out of order")
        }
        return features
    }

    /// `count` numbers stored as their width (2 or 4) and then each in that many bytes,
    /// little-endian.
    private mutating func column(count: Int) throws -> [Int] {
        let width = Int(try reader.byte())
        guard width == 2 || width == 4 else { throw Self.failure("column width \(width)") }
        // `count` is no more than the bytes left, so the product does not overflow.
        let stored = UnsafeRawBufferPointer(try reader.take(count * width))
        return [Int](unsafeUninitializedCapacity: count) { values, filled in
            if width == 2 {
                for index in 0..<count {
                    values[index] = Int(
                        UInt16(
                            littleEndian: stored.loadUnaligned(
                                fromByteOffset: index * 2, as: UInt16.self)))
                }
            } else {
                for index in 0..<count {
                    values[index] = Int(
                        UInt32(
                            littleEndian: stored.loadUnaligned(
                                fromByteOffset: index * 4, as: UInt32.self)))
                }
            }
            filled = count
        }
    }

    /// The posting lists as ``GraphEncoder/postings(_:)`` wrote them: starts that rise from 0 to
    /// the number of postings, one list per feature, every example below `exampleCount`.
    private mutating func postings(idf: [Double], exampleCount: Int) throws -> (
        starts: [Int], examples: [Int32], weights: [Double]
    ) {
        let startCount = try reader.count()
        guard startCount == idf.count + 1 else {
            throw Self.failure("posting lists do not fit together")
        }
        var starts: [Int] = []
        starts.reserveCapacity(startCount)
        var start = 0
        for _ in 0..<startCount {
            let step = try reader.signed()
            guard step >= 0, step <= Int(Int32.max) else {
                throw Self.failure("posting lists do not fit together")
            }
            start += step
            starts.append(start)
        }
        let count = try reader.count()
        guard starts.first == 0, starts.last == count else {
            throw Self.failure("posting lists do not fit together")
        }
        let width = Int(try reader.byte())
        guard width == 2 || width == 4 else { throw Self.failure("posting width \(width)") }
        // `count` is no more than the bytes left, so neither product overflows.
        let exampleColumn = try reader.take(count * width)
        let timesColumn = try reader.take(count)
        // The columns are filled as they are read, never zeroed first.
        var weights: [Double] = []
        let examples = try [Int32](unsafeUninitializedCapacity: count) { examples, filled in
            weights = try [Double](unsafeUninitializedCapacity: count) { weights, weighed in
                let columns = PostingColumns(examples: exampleColumn, times: timesColumn)
                if width == 2 {
                    try readPostings(
                        UInt16.self, columns, into: examples, weights, starts: starts, idf: idf,
                        exampleCount: exampleCount)
                } else {
                    try readPostings(
                        UInt32.self, columns, into: examples, weights, starts: starts, idf: idf,
                        exampleCount: exampleCount)
                }
                weighed = count
            }
            filled = count
        }
        return (starts, examples, weights)
    }

    /// The two posting columns as stored: each example in `Width`'s bytes, little-endian, and each
    /// weight's count (0: its bits follow the columns).
    private struct PostingColumns {
        let examples: UnsafeBufferPointer<UInt8>
        let times: UnsafeBufferPointer<UInt8>
    }

    /// Fills the two arrays, which have room for exactly the postings `starts` counts, feature
    /// by feature.
    private mutating func readPostings<Width: FixedWidthInteger & UnsignedInteger>(
        _: Width.Type, _ columns: PostingColumns,
        into examples: UnsafeMutableBufferPointer<Int32>,
        _ weights: UnsafeMutableBufferPointer<Double>,
        starts: [Int], idf: [Double], exampleCount: Int
    ) throws {
        let stored = UnsafeRawBufferPointer(columns.examples)
        let times = columns.times
        let size = MemoryLayout<Width>.size
        var posting = 0
        for feature in idf.indices {
            let featureIDF = idf[feature]
            let end = starts[feature + 1]
            while posting < end {
                let example = Int(
                    Width(
                        littleEndian: stored.loadUnaligned(
                            fromByteOffset: posting * size, as: Width.self)))
                guard example < exampleCount else {
                    throw Self.failure("index \(example) out of range")
                }
                examples[posting] = Int32(truncatingIfNeeded: example)
                let count = times[posting]
                weights[posting] =
                    count == 0
                    ? Double(bitPattern: try reader.fixed64()) : Double(count) * featureIDF
                posting += 1
            }
        }
    }

    /// The red-flag reader's tables, every concept position checked against their concept count
    /// (which ``check(_:fit:)`` checks against the graph's, with the rules).
    private mutating func redFlags() throws -> RedFlagTables {
        let conceptCount = try reader.count()
        let byWord = try redFlagPhrases(conceptCount: conceptCount) { word, key in
            word == .exact(key)
        }
        let byPrefix = try redFlagPhrases(conceptCount: conceptCount) { word, key in
            word == .prefix(key)
        }
        let prefixLengths = try sequence { try $0.index(below: Int(UInt16.max)) }
        guard prefixLengths.allSatisfy({ $0 > 0 }) else {
            throw Self.failure("a red-flag prefix length of 0")
        }
        let byNumber = try sequence { try $0.redFlagPhrase(conceptCount: conceptCount) }
        guard
            byNumber.allSatisfy({
                if case .number = $0.words[0] { return true } else { return false }
            })
        else {
            throw Self.failure("a red-flag number phrase that does not start with a number")
        }
        let built = try sequence { decoder in
            RedFlagTables.Built(
                concept: try decoder.index(below: conceptCount),
                patterns: try decoder.redFlagPatterns(conceptCount: conceptCount))
        }
        let rules = try sequence { decoder in
            RedFlagTables.Rule(
                patterns: try decoder.redFlagPatterns(conceptCount: conceptCount),
                ignored: UInt32(try decoder.index(below: 1 << RedFlagCue.guards.count)))
        }
        let cues = try sequence { try $0.reader.signed() }
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
        let entries = try sequence { decoder in
            (
                try decoder.string(),
                try decoder.sequence { try $0.redFlagPhrase(conceptCount: conceptCount) }
            )
        }
        var table: [String: [RedFlagTables.Phrase]] = [:]
        table.reserveCapacity(entries.count)
        for (key, phrases) in entries {
            guard !phrases.isEmpty, phrases.allSatisfy({ startsWith($0.words[0], key) }),
                table.updateValue(phrases, forKey: key) == nil
            else { throw Self.failure("red-flag phrases under \(key)") }
        }
        return table
    }

    private mutating func redFlagPhrase(conceptCount: Int) throws -> RedFlagTables.Phrase {
        let words = try sequence { decoder -> RedFlagWord in
            switch try decoder.reader.byte() {
            case 0: return .exact(try decoder.string())
            case 1: return .prefix(try decoder.string())
            case 2:
                return .number(
                    atLeast: try decoder.optionalDouble(), atMost: try decoder.optionalDouble())
            case let tag: throw Self.failure("red-flag word tag \(tag)")
            }
        }
        let concepts = try sequence { try $0.index(below: conceptCount) }
        let isCue = try flag()
        guard !words.isEmpty, !concepts.isEmpty else {
            throw Self.failure("an empty red-flag phrase")
        }
        return RedFlagTables.Phrase(words: words, concepts: concepts, isCue: isCue)
    }

    private mutating func redFlagPatterns(conceptCount: Int) throws -> [RedFlagTables.Pattern] {
        try sequence { decoder in
            let groups = try decoder.sequence {
                try $0.sequence { try $0.index(below: conceptCount) }
            }
            guard !groups.isEmpty, groups.allSatisfy({ !$0.isEmpty }) else {
                throw Self.failure("a red-flag pattern with an empty group")
            }
            return RedFlagTables.Pattern(
                groups: groups, within: try decoder.index(below: Int(UInt16.max)),
                acrossSentences: try decoder.flag())
        }
    }

    /// ``GraphDecoder/array(_:)`` compiled in this module, so that it is specialised for each
    /// table (called across modules it ran generic, with a metadata look-up per element).
    private mutating func sequence<Element>(_ element: (inout GraphDecoder) throws -> Element)
        throws -> [Element]
    {
        let count = try reader.count()
        var result: [Element] = []
        result.reserveCapacity(count)
        for _ in 0..<count { result.append(try element(&self)) }
        return result
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
        let entries = try sequence { decoder in (try decoder.string(), try decoder.sequence(rule)) }
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
