import MagnesiumText

/// A compact binary form of a loaded ``Graph``, so a start-up can skip parsing YAML.
///
/// The layout is private to this file and versioned by ``formatVersion``: a table of every
/// distinct string (each decoded once and shared), then the graph's arrays with strings as
/// table indexes and numbers as LEB128 varints. Decoding is strict: every length, index,
/// enum tag and UTF-8 sequence is checked, and bytes left over are an error, so a damaged
/// file is rejected rather than half-read. ``CompiledKnowledgeCache`` adds the header that
/// ties the bytes to the YAML they came from.
///
/// ```swift
/// let bytes = CompiledGraph.encode(graph)
/// let same = try CompiledGraph.decode(bytes)
/// ```
public enum CompiledGraph {
    /// Bumped whenever the layout below changes; older files are then ignored.
    public static let formatVersion: UInt32 = 12

    /// The stored properties the encoder writes, per type. A test compares them with the types'
    /// real properties (by reflection), so a field added to the graph without being encoded here
    /// fails the tests instead of silently going missing from cached graphs. The `…Index`
    /// properties of `Graph` are rebuilt by `reindex()`, not stored.
    static let encodedProperties: [String: [String]] = [
        "Graph": [
            "areas", "sources", "topics", "intents", "claims", "answers", "lexicon", "redFlags",
            "topicIndex", "sourceIndex", "factIndex",
            "intentIndex", "answerIndex",
        ],
        "Area": ["id", "name", "location"],
        "Source": ["id", "title", "publisher", "year", "url", "note", "standing", "location"],
        "Topic": [
            "id", "name", "areaID", "kind", "aliases", "facts", "properties", "relations",
            "location",
        ],
        "Fact": [
            "id", "topicID", "about", "text", "sourceIDs", "grade", "level", "audience", "ages",
            "location",
        ],
        "Property": ["key", "value", "number", "sourceIDs", "grade", "location"],
        "Relation": [
            "type", "from", "to", "note", "timing", "amount", "serving", "milligrams", "grade",
            "sourceIDs", "isDerived", "location",
        ],
        "Intent": [
            "id", "label", "answers", "homeTopics", "properties", "homeKinds", "amountLimits",
            "reply", "examples", "location",
        ],
        "ArticleClaim": [
            "id", "number", "claim", "keywords", "verdict", "topicIDs", "evidenceFactIDs",
            "location",
        ],
        "Lexicon": ["synonyms", "commonWords", "negations", "leadingTags", "stopWords"],
        "RedFlags": ["concepts", "rules"],
        "RedFlagConcept": ["id", "words", "typos", "patterns", "location"],
        "RedFlagPattern": ["groups", "within", "acrossSentences"],
        "UrgentRule": [
            "id", "topicID", "patterns", "ignores", "advice", "answersTheQuestionToo",
            "whileWaiting",
            "sourceIDs", "location",
        ],
        "DesignedAnswer": [
            "id", "topicID", "alsoTopicIDs", "asks", "questions", "says", "caution", "why", "more",
            "additions", "location", "ages", "sex",
        ],
        "AnswerItem": ["factID", "text", "sourceIDs", "grade", "location"],
        "AnswerAddition": ["topicID", "item"],
        "SourceLocation": ["file", "line"],
    ]

    /// Why bytes could not be decoded.
    public struct DecodingError: Error, Sendable, CustomStringConvertible {
        public var description: String

        package init(description: String) { self.description = description }
    }

    /// The graph as bytes.
    public static func encode(_ graph: Graph) -> [UInt8] { encode(graph, appending: nil) }

    /// A string table entry. Nearly every entry is ASCII, which is valid UTF-8 as it stands, and
    /// the standard library's generic validating initialiser cost a tenth of a start-up.
    private static func string(utf8 bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool) throws
        -> String
    {
        if isASCII { return String(decoding: bytes, as: UTF8.self) }
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw DecodingError(description: "invalid UTF-8 in string table")
        }
        return string
    }

    /// The table of every distinct string: their lengths, then their bytes back to back. One pass
    /// over all the bytes finds the few that are not ASCII, so the strings without any need no
    /// check of their own (checking each string cost more than making it).
    private static func stringTable(_ reader: inout ByteReader) throws -> [String] {
        let count = try reader.count()
        var lengths: [Int] = []
        lengths.reserveCapacity(count)
        var total = 0
        for _ in 0..<count {
            let length = try reader.count()
            total += length
            guard total <= reader.remaining else { throw ByteReader.endOfData }
            lengths.append(length)
        }
        let all = try reader.take(total)
        let nonASCII = nonASCIIOffsets(all)
        var table: [String] = []
        table.reserveCapacity(count)
        var start = 0
        var next = 0
        for length in lengths {
            let end = start + length
            while next < nonASCII.count && nonASCII[next] < start { next += 1 }
            let slice = UnsafeBufferPointer(rebasing: all[start..<end])
            table.append(
                try string(utf8: slice, isASCII: next == nonASCII.count || nonASCII[next] >= end))
            start = end
        }
        return table
    }

    /// The graph followed by what `appending` writes (the matcher's tables, in the knowledge
    /// store), sharing one string table. The graph's length in bytes comes before it, so that a
    /// decoder can read what follows at the same time.
    package static func encode(_ graph: Graph, appending: ((inout GraphEncoder) -> Void)?)
        -> [UInt8]
    {
        var body = GraphEncoder()
        body.graph(graph)
        let graphLength = body.out.bytes.count
        appending?(&body)
        var out = ByteWriter()
        // Every length first, then every string's bytes back to back (see ``stringTable(_:)``).
        out.varint(UInt64(body.table.count))
        for string in body.table { out.varint(UInt64(string.utf8.count)) }
        for string in body.table { out.bytes.append(contentsOf: string.utf8) }
        out.varint(UInt64(graphLength))
        out.bytes.append(contentsOf: body.out.bytes)
        return out.bytes
    }

    /// The offsets of the bytes at or above 0x80, in order, looking at eight bytes at a time.
    private static func nonASCIIOffsets(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        let raw = UnsafeRawBufferPointer(bytes)
        var offsets: [Int] = []
        var offset = 0
        while offset + 8 <= raw.count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 {
                for index in offset..<(offset + 8) where raw[index] >= 0x80 {
                    offsets.append(index)
                }
            }
            offset += 8
        }
        for index in offset..<raw.count where raw[index] >= 0x80 { offsets.append(index) }
        return offsets
    }

    /// The graph these bytes hold; throws ``DecodingError`` on anything malformed.
    public static func decode(_ bytes: [UInt8]) throws -> Graph {
        try bytes.withUnsafeBufferPointer { try decode($0) }
    }

    /// The graph these bytes hold; throws ``DecodingError`` on anything malformed.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>) throws -> Graph {
        try decode(bytes, trailing: { _ in () }, check: { _, _ in }).graph
    }

    /// The graph, and what `trailing` reads from the bytes after it when there are any (then
    /// checked against the graph by `check`); bytes left over after that are an error. The graph
    /// is decoded on a second thread while `trailing` reads.
    ///
    /// `validatingGraph: false` skips only the graph's semantic checks (``GraphValidator``), for
    /// bytes known to be what this build encoded from a graph that passed them: the compiled
    /// cache's payload after its checksum matched. Every bound, index and tag is checked either way.
    package static func decode<Trailing>(
        _ bytes: UnsafeBufferPointer<UInt8>, validatingGraph: Bool = true,
        trailing: (inout GraphDecoder) throws -> Trailing,
        check: (Trailing, Graph) throws -> Void
    ) throws -> (graph: Graph, trailing: Trailing?) {
        var reader = ByteReader(bytes)
        let table = try stringTable(&reader)
        let graphBytes = try reader.take(try reader.count())
        var decoder = GraphDecoder(reader: reader, table: table)
        let decodeGraph = { @Sendable [table] (bytes: SharedBytes) throws -> Graph in
            var graphDecoder = GraphDecoder(reader: ByteReader(bytes.buffer), table: table)
            let graph = try graphDecoder.graph(validating: validatingGraph)
            guard graphDecoder.reader.isAtEnd else {
                throw DecodingError(
                    description: "\(graphDecoder.reader.remaining) bytes left over in the graph")
            }
            return graph
        }
        let shared = SharedBytes(buffer: graphBytes)
        guard !decoder.reader.isAtEnd else { return (try decodeGraph(shared), nil) }
        let graphBeingDecoded = SecondThread { Result { try decodeGraph(shared) } }
        // Joined before anything leaves this function, thrown or returned, since the thread
        // reads bytes that live only as long as the caller's buffer.
        let extra = Result { try trailing(&decoder) }
        let graph = try graphBeingDecoded.result().get()
        let read = try extra.get()
        guard decoder.reader.isAtEnd else {
            throw DecodingError(description: "\(decoder.reader.remaining) bytes left over")
        }
        try check(read, graph)
        return (graph, read)
    }

}

/// Bytes another thread reads while the caller keeps them alive and unchanged (it joins the
/// thread before returning).
package struct SharedBytes: @unchecked Sendable {
    package let buffer: UnsafeBufferPointer<UInt8>

    package init(buffer: UnsafeBufferPointer<UInt8>) {
        self.buffer = buffer
    }
}

// MARK: - Bytes

/// Appends little-endian integers and LEB128 varints.
package struct ByteWriter {
    package var bytes: [UInt8] = []

    package init() {}

    package mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// Signed values, zigzag-encoded so small negatives stay short.
    package mutating func signed(_ value: Int) {
        let wide = Int64(value)
        varint(UInt64(bitPattern: (wide << 1) ^ (wide >> 63)))
    }

    package mutating func fixed64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }

    package mutating func fixed32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift)))
        }
    }
}

/// Reads what ``ByteWriter`` wrote, checking every bound.
///
/// Inlinable so that the matcher's codec, in another module, reads its long tables through
/// specialised code rather than generic calls (those cost a fifth of a start-up).
package struct ByteReader {
    package let base: UnsafeBufferPointer<UInt8>
    package var position = 0

    @inlinable package init(_ base: UnsafeBufferPointer<UInt8>) { self.base = base }

    @inlinable package var remaining: Int { base.count - position }
    @inlinable var isAtEnd: Bool { position == base.count }

    @inlinable package mutating func byte() throws -> UInt8 {
        guard position < base.count else { throw Self.endOfData }
        defer { position += 1 }
        return base[position]
    }

    @usableFromInline static var endOfData: CompiledGraph.DecodingError {
        CompiledGraph.DecodingError(description: "unexpected end of data")
    }

    @inlinable @inline(__always) package mutating func varint() throws -> UInt64 {
        // Most varints in the file are one or two bytes.
        if position < base.count, base[position] < 0x80 {
            defer { position += 1 }
            return UInt64(base[position])
        }
        if position + 1 < base.count, base[position + 1] < 0x80 {
            defer { position += 2 }
            return UInt64(base[position] & 0x7F) | UInt64(base[position + 1]) << 7
        }
        return try longVarint()
    }

    @usableFromInline mutating func longVarint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try byte()
            if shift == 63 && byte > 1 {
                throw CompiledGraph.DecodingError(description: "varint overflows 64 bits")
            }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw CompiledGraph.DecodingError(description: "varint too long") }
        }
    }

    @inlinable package mutating func signed() throws -> Int {
        let raw = try varint()
        let value = Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
        guard let result = Int(exactly: value) else {
            throw CompiledGraph.DecodingError(description: "integer out of range")
        }
        return result
    }

    /// A count of items that follow; each takes at least one byte, so a count beyond what is left
    /// is corrupt.
    @inlinable @inline(__always) package mutating func count() throws -> Int {
        let value = try varint()
        guard value <= UInt64(remaining) else {
            throw CompiledGraph.DecodingError(
                description: "count \(value) exceeds the \(remaining) bytes left")
        }
        return Int(value)
    }

    @inlinable package mutating func take(_ length: Int) throws -> UnsafeBufferPointer<UInt8> {
        guard length >= 0, length <= remaining else { throw Self.endOfData }
        defer { position += length }
        return UnsafeBufferPointer(rebasing: base[position..<(position + length)])
    }

    @inlinable package mutating func fixed64() throws -> UInt64 { try fixed(UInt64.self) }

    @inlinable package mutating func fixed32() throws -> UInt32 { try fixed(UInt32.self) }

    /// A little-endian integer of `T`'s width, in one load.
    @inlinable package mutating func fixed<T: FixedWidthInteger>(_: T.Type) throws -> T {
        let size = MemoryLayout<T>.size
        guard remaining >= size else { throw Self.endOfData }
        defer { position += size }
        return T(
            littleEndian: UnsafeRawBufferPointer(base).loadUnaligned(
                fromByteOffset: position, as: T.self))
    }
}

// MARK: - Graph ⇄ bytes

/// Writes a graph's values; strings go to a shared table and are written as indexes.
package struct GraphEncoder {
    package var out = ByteWriter()
    var table: [String] = []
    private var stringIndex: [String: Int] = [:]

    package mutating func string(_ value: String) {
        if let index = stringIndex[value] {
            out.varint(UInt64(index))
        } else {
            stringIndex[value] = table.count
            out.varint(UInt64(table.count))
            table.append(value)
        }
    }

    mutating func optionalString(_ value: String?) {
        if let value {
            out.bytes.append(1)
            string(value)
        } else {
            out.bytes.append(0)
        }
    }

    package mutating func stringList(_ values: [String]) {
        out.varint(UInt64(values.count))
        for value in values { string(value) }
    }

    mutating func optionalInt(_ value: Int?) {
        if let value {
            out.bytes.append(1)
            out.signed(value)
        } else {
            out.bytes.append(0)
        }
    }

    package mutating func optionalDouble(_ value: Double?) {
        if let value {
            out.bytes.append(1)
            out.fixed64(value.bitPattern)
        } else {
            out.bytes.append(0)
        }
    }

    mutating func grade(_ value: EvidenceGrade) {
        out.bytes.append(UInt8(EvidenceGrade.allCases.firstIndex(of: value)!))
    }

    mutating func location(_ value: SourceLocation) {
        string(value.file)
        out.signed(value.line)
    }

    mutating func graph(_ graph: Graph) {
        out.varint(UInt64(graph.areas.count))
        for area in graph.areas {
            string(area.id)
            string(area.name)
            location(area.location)
        }
        out.varint(UInt64(graph.sources.count))
        for source in graph.sources {
            string(source.id)
            string(source.title)
            string(source.publisher)
            optionalInt(source.year)
            string(source.url)
            optionalString(source.note)
            optionalString(source.standing)
            location(source.location)
        }
        out.varint(UInt64(graph.topics.count))
        for topic in graph.topics { self.topic(topic) }
        out.varint(UInt64(graph.intents.count))
        for intent in graph.intents {
            string(intent.id)
            optionalString(intent.label)
            stringList(intent.answers)
            stringList(intent.homeTopics)
            stringList(intent.properties)
            stringList(intent.homeKinds)
            out.varint(UInt64(intent.amountLimits.count))
            for limit in intent.amountLimits {
                string(limit.topic)
                string(limit.property)
            }
            optionalString(intent.reply)
            stringList(intent.examples)
            location(intent.location)
        }
        out.varint(UInt64(graph.claims.count))
        for claim in graph.claims {
            string(claim.id)
            out.signed(claim.number)
            string(claim.claim)
            stringList(claim.keywords)
            string(claim.verdict)
            stringList(claim.topicIDs)
            stringList(claim.evidenceFactIDs)
            location(claim.location)
        }
        let lexicon = graph.lexicon
        out.varint(UInt64(lexicon.synonyms.count))
        for (from, to) in lexicon.synonyms {
            string(from)
            string(to)
        }
        stringList(lexicon.commonWords)
        stringList(lexicon.negations)
        stringList(lexicon.leadingTags)
        out.varint(UInt64(graph.redFlags.concepts.count))
        for concept in graph.redFlags.concepts {
            string(concept.id)
            stringList(concept.words)
            stringList(concept.typos)
            patterns(concept.patterns)
            location(concept.location)
        }
        out.varint(UInt64(graph.redFlags.rules.count))
        for rule in graph.redFlags.rules {
            string(rule.id)
            optionalString(rule.topicID)
            patterns(rule.patterns)
            stringList(rule.ignores)
            string(rule.advice)
            out.bytes.append(rule.answersTheQuestionToo ? 1 : 0)
            optionalString(rule.whileWaiting)
            stringList(rule.sourceIDs)
            location(rule.location)
        }
        stringList(lexicon.stopWords)
        out.varint(UInt64(graph.answers.count))
        for answer in graph.answers { self.answer(answer) }
    }

    private mutating func ageBand(_ ages: ClosedRange<Int>?) {
        if let ages {
            out.bytes.append(1)
            out.signed(ages.lowerBound)
            out.signed(ages.upperBound)
        } else {
            out.bytes.append(0)
        }
    }

    private mutating func answer(_ answer: DesignedAnswer) {
        string(answer.id)
        string(answer.topicID)
        stringList(answer.alsoTopicIDs)
        string(answer.asks)
        stringList(answer.questions)
        items(answer.says)
        items([answer.caution].compactMap { $0 })
        items([answer.why].compactMap { $0 })
        items(answer.more)
        stringList(answer.additions.map(\.topicID))
        items(answer.additions.map(\.item))
        location(answer.location)
        ageBand(answer.ages)
        stringList([answer.sex].compactMap { $0 })
    }

    private mutating func items(_ items: [AnswerItem]) {
        out.varint(UInt64(items.count))
        for item in items {
            optionalString(item.factID)
            string(item.text)
            stringList(item.sourceIDs)
            grade(item.grade)
            location(item.location)
        }
    }

    private mutating func patterns(_ patterns: [RedFlagPattern]) {
        out.varint(UInt64(patterns.count))
        for pattern in patterns {
            out.varint(UInt64(pattern.groups.count))
            for group in pattern.groups { stringList(group) }
            out.signed(pattern.within)
            out.bytes.append(pattern.acrossSentences ? 1 : 0)
        }
    }

    private mutating func topic(_ topic: Topic) {
        string(topic.id)
        string(topic.name)
        string(topic.areaID)
        string(topic.kind)
        stringList(topic.aliases)
        out.varint(UInt64(topic.facts.count))
        for fact in topic.facts {
            string(fact.id)
            string(fact.topicID)
            string(fact.about)
            string(fact.text)
            stringList(fact.sourceIDs)
            grade(fact.grade)
            out.signed(fact.level)
            stringList(fact.audience)
            ageBand(fact.ages)
            location(fact.location)
        }
        out.varint(UInt64(topic.properties.count))
        for property in topic.properties {
            string(property.key)
            string(property.value)
            optionalDouble(property.number)
            stringList(property.sourceIDs)
            grade(property.grade)
            location(property.location)
        }
        out.varint(UInt64(topic.relations.count))
        for relation in topic.relations {
            out.bytes.append(UInt8(RelationType.allCases.firstIndex(of: relation.type)!))
            string(relation.from)
            string(relation.to)
            optionalString(relation.note)
            optionalString(relation.timing)
            optionalString(relation.amount)
            optionalString(relation.serving)
            optionalDouble(relation.milligrams)
            if let grade = relation.grade {
                out.bytes.append(1)
                self.grade(grade)
            } else {
                out.bytes.append(0)
            }
            stringList(relation.sourceIDs)
            out.bytes.append(relation.isDerived ? 1 : 0)
            location(relation.location)
        }
        location(topic.location)
    }
}

/// Reads a graph back, sharing each table string among every value that uses it.
package struct GraphDecoder {
    package var reader: ByteReader
    @usableFromInline let table: [String]

    @usableFromInline init(reader: ByteReader, table: [String]) {
        self.reader = reader
        self.table = table
    }

    @usableFromInline func fail(_ message: String) -> CompiledGraph.DecodingError {
        CompiledGraph.DecodingError(description: message)
    }

    @inlinable @inline(__always) package mutating func string() throws -> String {
        let index = try reader.varint()
        guard index < UInt64(table.count) else { throw fail("string index \(index) out of range") }
        return table[Int(index)]
    }

    @inlinable package mutating func flag() throws -> Bool {
        switch try reader.byte() {
        case 0: return false
        case 1: return true
        case let other: throw fail("flag byte \(other)")
        }
    }

    mutating func optionalString() throws -> String? { try flag() ? try string() : nil }
    mutating func optionalInt() throws -> Int? { try flag() ? try reader.signed() : nil }
    @inlinable package mutating func optionalDouble() throws -> Double? {
        try flag() ? Double(bitPattern: try reader.fixed64()) : nil
    }

    /// A number an answer computes with (a property's number, a relation's milligrams): finite and
    /// no larger than the loader allows, so no reply can trap converting or comparing it.
    mutating func optionalAmount() throws -> Double? {
        guard let value = try optionalDouble() else { return nil }
        guard Graph.isSensibleNumber(value) else { throw fail("number \(value) out of range") }
        return value
    }

    @inlinable package mutating func stringList() throws -> [String] {
        let count = try reader.count()
        var result: [String] = []
        result.reserveCapacity(count)
        for _ in 0..<count { result.append(try string()) }
        return result
    }

    mutating func grade() throws -> EvidenceGrade {
        let tag = Int(try reader.byte())
        guard tag < EvidenceGrade.allCases.count else { throw fail("evidence grade tag \(tag)") }
        return EvidenceGrade.allCases[tag]
    }

    mutating func location() throws -> SourceLocation {
        SourceLocation(file: try string(), line: try reader.signed())
    }

    @inlinable package mutating func array<Element>(
        _ element: (inout GraphDecoder) throws -> Element
    ) throws -> [Element] {
        let count = try reader.count()
        var result: [Element] = []
        result.reserveCapacity(count)
        for _ in 0..<count { result.append(try element(&self)) }
        return result
    }

    mutating func graph(validating: Bool = true) throws -> Graph {
        var graph = Graph()
        graph.areas = try array { d in
            Area(id: try d.string(), name: try d.string(), location: try d.location())
        }
        graph.sources = try array { d in
            Source(
                id: try d.string(), title: try d.string(), publisher: try d.string(),
                year: try d.optionalInt(),
                url: try d.string(), note: try d.optionalString(), standing: try d.optionalString(),
                location: try d.location())
        }
        graph.topics = try array { d in try d.topic() }
        graph.intents = try array { d in
            var intent = Intent(
                id: try d.string(), label: try d.optionalString(), answers: try d.stringList(),
                homeTopics: try d.stringList(),
                reply: nil, examples: [], location: SourceLocation(file: "", line: 0))
            intent.properties = try d.stringList()
            intent.homeKinds = try d.stringList()
            intent.amountLimits = try d.array { d in
                (topic: try d.string(), property: try d.string())
            }
            intent.reply = try d.optionalString()
            intent.examples = try d.stringList()
            intent.location = try d.location()
            return intent
        }
        graph.claims = try array { d in
            ArticleClaim(
                id: try d.string(), number: try d.reader.signed(), claim: try d.string(),
                keywords: try d.stringList(),
                verdict: try d.string(), topicIDs: try d.stringList(),
                evidenceFactIDs: try d.stringList(), location: try d.location())
        }
        graph.lexicon.synonyms = try array { d in (try d.string(), try d.string()) }
        graph.lexicon.commonWords = try stringList()
        graph.lexicon.negations = try stringList()
        graph.lexicon.leadingTags = try stringList()
        graph.redFlags.concepts = try array { d in
            RedFlagConcept(
                id: try d.string(), words: try d.stringList(), typos: try d.stringList(),
                patterns: try d.patterns(), location: try d.location())
        }
        graph.redFlags.rules = try array { d in
            UrgentRule(
                id: try d.string(), topicID: try d.optionalString(), patterns: try d.patterns(),
                ignores: try d.stringList(), advice: try d.string(),
                answersTheQuestionToo: try d.flag(), whileWaiting: try d.optionalString(),
                sourceIDs: try d.stringList(), location: try d.location())
        }
        graph.lexicon.stopWords = try stringList()
        graph.answers = try array { d in try d.answer() }
        graph.reindex()
        // The same invariants as a graph loaded from YAML: every id a reply looks up names
        // something, whatever bytes a corrupt or rewritten cache file holds.
        if validating, let problem = GraphValidator(graph: graph).structuralProblems().first {
            throw fail("the graph does not validate: \(problem.message)")
        }
        return graph
    }

    private mutating func answer() throws -> DesignedAnswer {
        let id = try string()
        let topicID = try string()
        let also = try stringList()
        let asks = try string()
        let questions = try stringList()
        let says = try items()
        let caution = try items()
        let why = try items()
        let more = try items()
        let people = try stringList()
        let additions = try items()
        guard caution.count <= 1, why.count <= 1, people.count == additions.count else {
            throw fail("answer \(id): items do not fit together")
        }
        let location = try location()
        let ages = try ageBand()
        let sex = try stringList()
        guard sex.count <= 1 else { throw fail("answer \(id): more than one sex") }
        return DesignedAnswer(
            id: id, topicID: topicID, alsoTopicIDs: also, asks: asks, questions: questions,
            says: says, caution: caution.first,
            why: why.first, more: more,
            additions: zip(people, additions).map { AnswerAddition(topicID: $0, item: $1) },
            location: location, ages: ages, sex: sex.first)
    }

    private mutating func ageBand() throws -> ClosedRange<Int>? {
        guard try flag() else { return nil }
        let lower = try reader.signed()
        let upper = try reader.signed()
        guard lower <= upper else { throw fail("age band \(lower)...\(upper)") }
        return lower...upper
    }

    private mutating func items() throws -> [AnswerItem] {
        try array { d in
            AnswerItem(
                factID: try d.optionalString(), text: try d.string(), sourceIDs: try d.stringList(),
                grade: try d.grade(),
                location: try d.location())
        }
    }

    private mutating func patterns() throws -> [RedFlagPattern] {
        try array { d in
            RedFlagPattern(
                groups: try d.array { try $0.stringList() }, within: try d.reader.signed(),
                acrossSentences: try d.flag())
        }
    }

    private mutating func topic() throws -> Topic {
        let id = try string()
        let name = try string()
        let areaID = try string()
        let kind = try string()
        let aliases = try stringList()
        let facts = try array { d in try d.fact() }
        let properties = try array { d in
            Property(
                key: try d.string(), value: try d.string(), number: try d.optionalAmount(),
                sourceIDs: try d.stringList(),
                grade: try d.grade(), location: try d.location())
        }
        let relations = try array { d in try d.relation() }
        return Topic(
            id: id, name: name, areaID: areaID, kind: kind, aliases: aliases, facts: facts,
            properties: properties,
            relations: relations, location: try location())
    }

    private mutating func fact() throws -> Fact {
        let id = try string()
        let topicID = try string()
        let about = try string()
        let text = try string()
        let sourceIDs = try stringList()
        let grade = try grade()
        let level = try reader.signed()
        let audience = try stringList()
        let ages = try ageBand()
        return Fact(
            id: id, topicID: topicID, about: about, text: text, sourceIDs: sourceIDs, grade: grade,
            level: level,
            audience: audience, ages: ages, location: try location())
    }

    private mutating func relation() throws -> Relation {
        let tag = Int(try reader.byte())
        guard tag < RelationType.allCases.count else { throw fail("relation type tag \(tag)") }
        let from = try string()
        let to = try string()
        let note = try optionalString()
        let timing = try optionalString()
        let amount = try optionalString()
        let serving = try optionalString()
        let milligrams = try optionalAmount()
        let grade: EvidenceGrade? = try flag() ? try self.grade() : nil
        let sourceIDs = try stringList()
        let isDerived = try flag()
        return Relation(
            type: RelationType.allCases[tag], from: from, to: to, note: note, timing: timing,
            amount: amount, serving: serving,
            milligrams: milligrams, grade: grade, sourceIDs: sourceIDs, isDerived: isDerived,
            location: try location())
    }
}
