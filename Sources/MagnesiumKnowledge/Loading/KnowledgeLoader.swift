import Foundation
import MagnesiumText
import Yams

/// Reads every `*.yaml` file of a knowledge folder into a validated ``Graph``.
///
/// Problems are collected, not thrown one by one, so an author sees all of
/// them at once as `Knowledge/FILE.yaml:LINE: what is wrong`.
public struct KnowledgeLoader {
    public let directory: URL
    /// How paths are shown in messages: the folder's own name, then the path inside it.
    public let displayPrefix: String

    public init(directory: URL) {
        self.directory = directory.standardizedFileURL
        self.displayPrefix = self.directory.lastPathComponent
    }

    /// Loads and validates the graph, or throws ``DiagnosticsError`` listing every problem.
    public func load() throws -> Graph {
        var reader = GraphReader()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            throw DiagnosticsError([
                Diagnostic(
                    file: SafeText.escaped(directory.path), line: 0,
                    message: "knowledge folder not found")
            ])
        }
        // The same walk as the compiled cache's key: bounded, links to folders not followed, only
        // regular files read.
        let folder = KnowledgeFolder(root: directory.path)
        for problem in folder.problems {
            let shown = SafeText.escaped(
                problem.relative.isEmpty ? displayPrefix : displayPrefix + "/" + problem.relative)
            reader.problems.append(Diagnostic(file: shown, line: 0, message: problem.message))
        }
        if folder.files.isEmpty && folder.problems.isEmpty {
            throw DiagnosticsError([
                Diagnostic(
                    file: SafeText.escaped(displayPrefix), line: 0,
                    message: "no .yaml files in this folder")
            ])
        }
        for file in folder.files {
            // a file name may hold anything but "/"
            let shown = SafeText.escaped(displayPrefix + "/" + file.shown)
            switch FileIO.read(file.path) {
            case .failure(let problem):
                reader.problems.append(
                    Diagnostic(file: shown, line: 0, message: "cannot be read (\(problem))"))
            case .success(let bytes):
                guard let text = String(bytes: bytes, encoding: .utf8) else {
                    reader.problems.append(
                        Diagnostic(file: shown, line: 0, message: "not valid UTF-8 text"))
                    continue
                }
                reader.read(yaml: text, file: shown)
            }
        }
        return try Self.validated(&reader)
    }

    /// Reads and validates knowledge from YAML texts already in memory, each named as messages
    /// should show it; throws ``DiagnosticsError`` as ``load()`` does. For tools and the fuzzer.
    public static func load(yaml files: [(file: String, text: String)]) throws(DiagnosticsError)
        -> Graph
    {
        var reader = GraphReader()
        for (file, text) in files { reader.read(yaml: text, file: file) }
        return try validated(&reader)
    }

    private static func validated(_ reader: inout GraphReader) throws(DiagnosticsError) -> Graph {
        let graph = reader.finish()
        let problems = reader.problems + GraphValidator(graph: graph).structuralProblems()
        if !problems.isEmpty { throw DiagnosticsError(Self.shown(problems)) }
        return graph
    }

    /// At most this many problems are listed; a broken folder can have thousands of follow-on ones.
    public static let mostProblemsShown = 200

    /// Problems sorted, each once, and at most ``mostProblemsShown`` of them, then one line saying
    /// how many more.
    public static func shown(_ problems: [Diagnostic]) -> [Diagnostic] {
        var unique = Array(Set(problems)).sorted()
        guard unique.count > mostProblemsShown else { return unique }
        let more = unique.count - mostProblemsShown
        let next = unique[mostProblemsShown]
        unique.removeSubrange(mostProblemsShown...)
        unique.append(
            Diagnostic(
                file: next.file, line: next.line,
                message:
                    "and \(more) more problems not shown (the first \(mostProblemsShown) are listed)"
            ))
        return unique
    }

    static func reason(_ error: any Error) -> String {
        if let cocoa = error as? CocoaError,
            let underlying = cocoa.userInfo[NSUnderlyingErrorKey] as? NSError
        {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return (error as NSError).localizedDescription
    }
}

/// Turns YAML nodes into graph values, remembering every problem with its line.
struct GraphReader {
    var graph = Graph()
    var problems: [Diagnostic] = []

    mutating func read(yaml: String, file: String) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            problems.append(Self.diagnostic(for: error, file: file))
            return
        } catch {
            let summary = "\(error)".split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            problems.append(
                Diagnostic(file: file, line: 0, message: SafeText.escaped("YAML error: \(summary)"))
            )
            return
        }
        guard let root else { return }  // an empty file holds nothing
        // YAML aliases share a node, so a 5 KB file of aliases to aliases can stand for billions of
        // nodes. Written out, a file has at most about one node per byte: more than twice that is
        // refused.
        let budget = 2 * yaml.utf8.count + 1_000
        var nodes = 0
        if !Self.fits(root, budget: budget, counted: &nodes) {
            problem(
                file, root,
                "YAML aliases (`*name`) make this file stand for more than \(budget) values, twice its length; write the repeated parts out"
            )
            return
        }
        guard let mapping = root.mapping else {
            problem(
                file, root,
                "the top level must be a mapping with keys such as `topics:` or `sources:`")
            return
        }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "areas": for item in list(value, file, key) { readArea(item, file) }
            case "sources": for item in list(value, file, key) { readSource(item, file) }
            case "topics": for item in list(value, file, key) { readTopic(item, file) }
            case "intents": for item in list(value, file, key) { readIntent(item, file) }
            case "claims": for item in list(value, file, key) { readClaim(item, file) }
            case "lexicon": readLexicon(value, file)
            case "answers": for item in list(value, file, key) { readAnswer(item, file) }
            case "red-flags": readRedFlags(value, file)
            default:
                problem(
                    file, keyNode,
                    "unknown top-level key `\(key)` (expected areas, sources, topics, intents, claims, answers, lexicon or red-flags)"
                )
            }
        }
    }

    /// Counts the nodes of a tree with every alias expanded, stopping once past `budget`.
    static func fits(_ node: Node, budget: Int, counted: inout Int) -> Bool {
        counted += 1
        if counted > budget { return false }
        switch node {
        case .scalar, .alias: return true
        case .sequence(let sequence):
            for item in sequence where !fits(item, budget: budget, counted: &counted) {
                return false
            }
        case .mapping(let mapping):
            for (key, value) in mapping
            where !fits(key, budget: budget, counted: &counted)
                || !fits(value, budget: budget, counted: &counted)
            { return false }
        }
        return true
    }

    mutating func finish() -> Graph {
        addInverseRelations()
        graph.reindex()
        resolveAnswerFacts()
        return graph
    }

    /// An answer item written as `fact: ID` shows that fact: its text, sources and grade.
    private mutating func resolveAnswerFacts() {
        let graph = self.graph
        var missing: [Diagnostic] = []
        func resolved(_ item: inout AnswerItem, _ owner: String) {
            guard let id = item.factID else { return }
            if let fact = graph.fact(id) {
                item.text = fact.text
                item.sourceIDs = fact.sourceIDs
                item.grade = fact.grade
            } else {
                missing.append(
                    Diagnostic(
                        item.location,
                        SafeText.escaped("answer \(owner): `fact: \(id)` is not a fact id")))
            }
        }
        var answers = graph.answers
        for index in answers.indices {
            let id = answers[index].id
            for item in answers[index].says.indices { resolved(&answers[index].says[item], id) }
            for item in answers[index].more.indices { resolved(&answers[index].more[item], id) }
            for item in answers[index].additions.indices {
                resolved(&answers[index].additions[item].item, id)
            }
            if answers[index].caution != nil { resolved(&answers[index].caution!, id) }
            if answers[index].why != nil { resolved(&answers[index].why!, id) }
        }
        self.graph.answers = answers
        problems += missing
    }

    // MARK: - Sections

    private mutating func readArea(_ node: Node, _ file: String) {
        guard let fields = fields(node, file, "area") else { return }
        let location = loc(file, node)
        guard let id = requiredID(fields, node, file, "area"),
            let name = requiredString(fields, "name", node, file, "area \(id)")
        else { return }
        graph.areas.append(Area(id: id, name: name, location: location))
    }

    private mutating func readSource(_ node: Node, _ file: String) {
        guard let fields = fields(node, file, "source"),
            let id = requiredID(fields, node, file, "source")
        else { return }
        let what = "source \(id)"
        let title = requiredString(fields, "title", node, file, what) ?? ""
        let url = requiredString(fields, "url", node, file, what) ?? ""
        var year: Int?
        if let yearNode = fields["year"] {
            year = yearNode.int
            if year == nil { problem(file, yearNode, "\(what): `year` must be a whole number") }
        }
        let standing = string(fields["standing"])
        if let standing, !Schema.standings.contains(standing) {
            problem(
                file, fields["standing"] ?? node,
                "\(what): unknown `standing: \(standing)` (expected one of \(Schema.standings.joined(separator: ", ")))"
            )
        }
        graph.sources.append(
            Source(
                id: id, title: title, publisher: string(fields["publisher"]) ?? "", year: year,
                url: url,
                note: string(fields["note"]), standing: standing, location: loc(file, node)))
    }

    private mutating func readTopic(_ node: Node, _ file: String) {
        guard let fields = fields(node, file, "topic"),
            let id = requiredID(fields, node, file, "topic")
        else { return }
        let what = "topic \(id)"
        let name = requiredString(fields, "name", node, file, what) ?? id
        let area = requiredString(fields, "area", node, file, what) ?? ""
        let kind = requiredString(fields, "kind", node, file, what) ?? ""
        if !kind.isEmpty && !Schema.kinds.contains(kind) {
            problem(
                file, fields["kind"] ?? node,
                "\(what): unknown kind `\(kind)` (expected one of \(Schema.kinds.joined(separator: ", ")))"
            )
        }
        var topic = Topic(
            id: id, name: name, areaID: area, kind: kind,
            aliases: strings(fields["aliases"], file, "\(what) aliases"),
            facts: [], properties: [], relations: [], location: loc(file, node))
        if let factsNode = fields["facts"] {
            for item in list(factsNode, file, "\(what) facts") {
                if let fact = readFact(item, file, topicID: id) { topic.facts.append(fact) }
            }
        }
        if let propertiesNode = fields["properties"] {
            if let mapping = propertiesNode.mapping {
                for (keyNode, value) in mapping {
                    if let property = readProperty(keyNode.string ?? "", value, file, what) {
                        topic.properties.append(property)
                    }
                }
            } else {
                problem(file, propertiesNode, "\(what): `properties` must be a mapping")
            }
        }
        if let relationsNode = fields["relations"] {
            for item in list(relationsNode, file, "\(what) relations") {
                if let relation = readRelation(item, file, from: id) {
                    topic.relations.append(relation)
                }
            }
        }
        graph.topics.append(topic)
    }

    private mutating func readFact(_ node: Node, _ file: String, topicID: String) -> Fact? {
        guard let fields = fields(node, file, "fact"),
            let id = requiredID(fields, node, file, "fact in topic \(topicID)")
        else { return nil }
        let what = "fact \(id)"
        let about = requiredString(fields, "about", node, file, what) ?? ""
        if !about.isEmpty && !Schema.abouts.contains(about) {
            problem(file, fields["about"] ?? node, "\(what): unknown `about: \(about)`")
        }
        let text = requiredString(fields, "text", node, file, what) ?? ""
        let sources = sourceList(fields, node, file, what, required: true)
        let grade = readGrade(fields, node, file, what, required: true) ?? .none
        var level = 1
        if let levelNode = fields["level"] {
            if let value = levelNode.int, (1...3).contains(value) {
                level = value
            } else {
                problem(file, levelNode, "\(what): `level` must be 1, 2 or 3")
            }
        }
        let ages = readAges(fields["ages"], file, what)
        return Fact(
            id: id, topicID: topicID, about: about, text: Self.tidy(text), sourceIDs: sources,
            grade: grade, level: level,
            audience: strings(fields["audience"], file, "\(what) audience"), ages: ages,
            location: loc(file, node))
    }

    private mutating func readProperty(_ key: String, _ node: Node, _ file: String, _ owner: String)
        -> Property?
    {
        let what = "\(owner) property \(key)"
        guard let fields = fields(node, file, what) else { return nil }
        let value = requiredString(fields, "value", node, file, what) ?? ""
        if let number = fields["number"]?.float, !Graph.isSensibleNumber(number) {
            problem(file, node, "\(what): `number` must be a finite number no larger than 1e12")
        }
        return Property(
            key: key, value: Self.tidy(value), number: fields["number"]?.float,
            sourceIDs: sourceList(fields, node, file, what, required: true),
            grade: readGrade(fields, node, file, what, required: true) ?? .none,
            location: loc(file, node))
    }

    private mutating func readRelation(_ node: Node, _ file: String, from: String) -> Relation? {
        guard let fields = fields(node, file, "relation") else { return nil }
        let what = "relation of \(from)"
        guard let typeName = requiredString(fields, "type", node, file, what) else { return nil }
        guard let type = RelationType(rawValue: typeName), RelationType.authored.contains(type)
        else {
            problem(
                file, fields["type"] ?? node,
                "\(what): unknown relation type `\(typeName)` (expected \(RelationType.authored.map(\.rawValue).joined(separator: ", ")))"
            )
            return nil
        }
        guard let to = requiredString(fields, "to", node, file, what) else { return nil }
        if let milligrams = fields["mg"]?.float, !Graph.isSensibleNumber(milligrams) {
            problem(file, node, "\(what) → \(to): `mg` must be a finite number no larger than 1e12")
        }
        var relation = Relation(
            type: type, from: from, to: to, note: string(fields["note"]).map(Self.tidy),
            timing: string(fields["timing"]).map(Self.tidy),
            amount: string(fields["amount"]).map(Self.tidy), serving: string(fields["serving"]),
            milligrams: fields["mg"]?.float,
            grade: nil, sourceIDs: [], isDerived: false, location: loc(file, node))
        relation.sourceIDs = sourceList(
            fields, node, file, "\(what) → \(to)", required: relation.makesClaim)
        relation.grade = readGrade(
            fields, node, file, "\(what) → \(to)", required: relation.makesClaim)
        return relation
    }

    private mutating func readIntent(_ node: Node, _ file: String) {
        guard let fields = fields(node, file, "intent"),
            let id = requiredID(fields, node, file, "intent")
        else { return }
        let what = "intent \(id)"
        let examples = strings(fields["examples"], file, "\(what) examples")
        if examples.isEmpty {
            problem(file, node, "\(what): needs at least one example phrasing under `examples`")
        }
        let answers = strings(fields["answers"], file, "\(what) answers")
        for about in answers where !Schema.abouts.contains(about) {
            problem(file, fields["answers"] ?? node, "\(what): unknown `answers` value `\(about)`")
        }
        var intent = Intent(
            id: id, label: string(fields["label"]), answers: answers,
            homeTopics: strings(fields["home-topics"], file, "\(what) home-topics"),
            reply: string(fields["reply"]).map(Self.tidy), examples: examples,
            location: loc(file, node))
        intent.properties = strings(fields["properties"], file, "\(what) properties")
        intent.homeKinds = strings(fields["home-kinds"], file, "\(what) home-kinds")
        for kind in intent.homeKinds where !Schema.kinds.contains(kind) {
            problem(
                file, fields["home-kinds"] ?? node,
                "\(what): unknown topic kind `\(kind)` in home-kinds")
        }
        for entry in strings(fields["amount-limits"], file, "\(what) amount-limits") {
            let parts = entry.split(separator: " ").map(String.init)
            if parts.count == 2 {
                intent.amountLimits.append((parts[0], parts[1]))
            } else {
                problem(
                    file, fields["amount-limits"] ?? node,
                    "\(what): amount-limits entries are `TOPIC PROPERTY`, got `\(entry)`")
            }
        }
        graph.intents.append(intent)
    }

    /// `ages: [youngest, oldest]` in whole years.
    private mutating func readAges(_ node: Node?, _ file: String, _ what: String)
        -> ClosedRange<Int>?
    {
        guard let node else { return nil }
        let bounds = (node.sequence ?? []).compactMap(\.int)
        guard bounds.count == 2, bounds[0] >= 0, bounds[0] <= bounds[1] else {
            problem(file, node, "\(what): `ages` must be [youngest, oldest] in years")
            return nil
        }
        return bounds[0]...bounds[1]
    }

    private mutating func readAnswer(_ node: Node, _ file: String) {
        guard let fields = fields(node, file, "answer"),
            let id = requiredID(fields, node, file, "answer")
        else { return }
        let what = "answer \(id)"
        for key in fields.keys where !Schema.answerFields.contains(key) {
            problem(
                file, node,
                "\(what): unknown field `\(key)` (expected \(Schema.answerFields.joined(separator: ", ")))"
            )
        }
        let asks = requiredString(fields, "asks", node, file, what) ?? ""
        if !asks.isEmpty && !Schema.answerKinds.contains(asks) {
            problem(
                file, fields["asks"] ?? node,
                "\(what): unknown `asks: \(asks)` (expected one of \(Schema.answerKinds.joined(separator: ", ")))"
            )
        }
        let questions = strings(fields["questions"], file, "\(what) questions")
        if questions.isEmpty {
            problem(file, node, "\(what): needs the ways people ask it under `questions`")
        }
        let says =
            fields["says"].map {
                list($0, file, "\(what) says").compactMap { readAnswerItem($0, file, what) }
            } ?? []
        if says.isEmpty {
            problem(
                file, node, "\(what): needs `says`, whose first item answers the question directly")
        }
        var additions: [AnswerAddition] = []
        if let forNode = fields["for"] {
            if let mapping = forNode.mapping {
                for (keyNode, value) in mapping {
                    let person = keyNode.string ?? ""
                    if let item = readAnswerItem(value, file, "\(what) for \(person)") {
                        additions.append(AnswerAddition(topicID: person, item: item))
                    }
                }
            } else {
                problem(
                    file, forNode,
                    "\(what): `for` must be a mapping from profile topic ids to items")
            }
        }
        let sex = fields["sex"].flatMap { $0.string }
        if let sex, !Schema.sexes.contains(sex) {
            problem(
                file, fields["sex"] ?? node,
                "\(what): unknown `sex: \(sex)` (expected one of \(Schema.sexes.joined(separator: ", ")))"
            )
        }
        graph.answers.append(
            DesignedAnswer(
                id: id, topicID: requiredString(fields, "topic", node, file, what) ?? "",
                alsoTopicIDs: strings(fields["also"], file, "\(what) also"),
                asks: asks, questions: questions, says: says,
                caution: fields["caution"].flatMap { readAnswerItem($0, file, "\(what) caution") },
                why: fields["why"].flatMap { readAnswerItem($0, file, "\(what) why") },
                more: fields["more"].map {
                    list($0, file, "\(what) more").compactMap { readAnswerItem($0, file, what) }
                } ?? [],
                additions: additions, location: loc(file, node),
                ages: readAges(fields["ages"], file, what),
                sex: sex.flatMap { Schema.sexes.contains($0) ? $0 : nil }))
    }

    /// `fact: ID` (resolved once every file is read), or `text` with `source` and `grade`.
    private mutating func readAnswerItem(_ node: Node, _ file: String, _ what: String)
        -> AnswerItem?
    {
        guard let fields = fields(node, file, "item of \(what)") else { return nil }
        if let factNode = fields["fact"] {
            guard let factID = factNode.string else {
                problem(file, factNode, "\(what): `fact` must be a fact id")
                return nil
            }
            return AnswerItem(
                factID: factID, text: "", sourceIDs: [], grade: .none, location: loc(file, node))
        }
        let text = requiredString(fields, "text", node, file, what) ?? ""
        return AnswerItem(
            factID: nil, text: Self.tidy(text),
            sourceIDs: sourceList(fields, node, file, what, required: true),
            grade: readGrade(fields, node, file, what, required: true) ?? .none,
            location: loc(file, node))
    }

    private mutating func readClaim(_ node: Node, _ file: String) {
        guard let fields = fields(node, file, "claim"),
            let id = requiredID(fields, node, file, "claim")
        else { return }
        let what = "claim \(id)"
        let verdict = requiredString(fields, "verdict", node, file, what) ?? ""
        if !verdict.isEmpty && !Schema.verdicts.contains(verdict) {
            problem(
                file, fields["verdict"] ?? node,
                "\(what): unknown verdict `\(verdict)` (expected \(Schema.verdicts.joined(separator: ", ")))"
            )
        }
        let evidence = strings(fields["evidence"], file, "\(what) evidence")
        if evidence.isEmpty {
            problem(
                file, node, "\(what): needs the ids of the facts that check it under `evidence`")
        }
        graph.claims.append(
            ArticleClaim(
                id: id, number: fields["number"]?.int ?? 0,
                claim: Self.tidy(requiredString(fields, "claim", node, file, what) ?? ""),
                keywords: strings(fields["keywords"], file, "\(what) keywords"), verdict: verdict,
                topicIDs: strings(fields["topics"], file, "\(what) topics"),
                evidenceFactIDs: evidence, location: loc(file, node)))
    }

    private mutating func readLexicon(_ node: Node, _ file: String) {
        guard let lexiconFields = fields(node, file, "lexicon") else { return }
        if let synonyms = lexiconFields["synonyms"] {
            for entry in list(synonyms, file, "lexicon synonyms") {
                guard let pair = self.fields(entry, file, "synonym"),
                    let from = requiredString(pair, "from", entry, file, "synonym"),
                    let to = requiredString(pair, "to", entry, file, "synonym \(from)")
                else { continue }
                graph.lexicon.synonyms.append((from, to))
            }
        }
        graph.lexicon.commonWords += strings(
            lexiconFields["common-words"], file, "lexicon common-words")
        // A filler word ("actually", "really") is a synonym of nothing: matching reads past it.
        for filler in strings(lexiconFields["fillers"], file, "lexicon fillers") {
            graph.lexicon.synonyms.append((filler, ""))
        }
        graph.lexicon.negations += strings(lexiconFields["negations"], file, "lexicon negations")
        graph.lexicon.leadingTags += strings(
            lexiconFields["leading-tags"], file, "lexicon leading-tags")
        graph.lexicon.stopWords += strings(lexiconFields["stop-words"], file, "lexicon stop-words")
        if let urgent = lexiconFields["urgent"] {
            problem(
                file, urgent,
                "lexicon `urgent` phrase lists are gone: emergencies are `red-flags` rules (see Knowledge/README.md)"
            )
        }
    }

    // MARK: - Red flags

    private mutating func readRedFlags(_ node: Node, _ file: String) {
        guard let sections = fields(node, file, "red-flags") else { return }
        for key in sections.keys.sorted() where !["cues", "concepts", "rules"].contains(key) {
            problem(
                file, node, "red-flags: unknown key `\(key)` (expected cues, concepts or rules)")
        }
        if let cues = sections["cues"] {
            for item in list(cues, file, "red-flags cues") {
                guard let concept = readConcept(item, file, what: "cue") else { continue }
                if !RedFlagConcept.cueIDs.contains(concept.id) {
                    problem(
                        file, item,
                        "cue \(concept.id): not a cue the reader knows (expected one of \(RedFlagConcept.cueIDs.joined(separator: ", ")))"
                    )
                }
                graph.redFlags.concepts.append(concept)
            }
        }
        if let concepts = sections["concepts"] {
            for item in list(concepts, file, "red-flags concepts") {
                guard let concept = readConcept(item, file, what: "concept") else { continue }
                if RedFlagConcept.cueIDs.contains(concept.id) {
                    problem(file, item, "concept \(concept.id): a cue's id; list it under `cues`")
                }
                graph.redFlags.concepts.append(concept)
            }
        }
        if let rules = sections["rules"] {
            for item in list(rules, file, "red-flags rules") {
                guard let rule = fields(item, file, "red-flag rule"),
                    let id = requiredID(rule, item, file, "red-flag rule")
                else { continue }
                let what = "red-flag rule \(id)"
                let patterns = readPatterns(rule, item, file, what)
                if patterns.isEmpty {
                    problem(file, item, "\(what): needs at least one pattern under `when`")
                }
                let ignores = strings(rule["ignores"], file, "\(what) ignores")
                for cue in ignores where !RedFlagCue.guards.map(\.rawValue).contains(cue) {
                    problem(
                        file, rule["ignores"] ?? item,
                        "\(what): cannot ignore `\(cue)` (expected \(RedFlagCue.guards.map(\.rawValue).joined(separator: ", ")))"
                    )
                }
                graph.redFlags.rules.append(
                    UrgentRule(
                        id: id, topicID: string(rule["topic"]), patterns: patterns,
                        ignores: ignores,
                        advice: Self.tidy(requiredString(rule, "advice", item, file, what) ?? ""),
                        answersTheQuestionToo: flag(
                            rule["answers-question-too"], file, what, "answers-question-too"),
                        whileWaiting: string(rule["while-waiting"]),
                        sourceIDs: sourceList(rule, item, file, what, required: true),
                        location: loc(file, item)))
            }
        }
    }

    private mutating func readConcept(_ node: Node, _ file: String, what kind: String)
        -> RedFlagConcept?
    {
        guard let fields = fields(node, file, kind), let id = requiredID(fields, node, file, kind)
        else { return nil }
        let what = "\(kind) \(id)"
        let words = strings(fields["words"], file, "\(what) words")
        let typos = strings(fields["typos"], file, "\(what) typos")
        for phrase in words + typos {
            if let problem = Self.phraseProblem(phrase) {
                self.problem(file, fields["words"] ?? node, "\(what): `\(phrase)` \(problem)")
            }
        }
        let patterns = fields["when"] == nil ? [] : readPatterns(fields, node, file, what)
        if words.isEmpty && typos.isEmpty && patterns.isEmpty {
            problem(file, node, "\(what): needs `words`, `typos` or `when`")
        }
        return RedFlagConcept(
            id: id, words: words, typos: typos, patterns: patterns, location: loc(file, node))
    }

    /// Why a phrase of a concept cannot be matched, or nil when it can.
    static func phraseProblem(_ phrase: String) -> String? {
        let parts = phrase.split(separator: " ").map(String.init)
        if parts.isEmpty { return "is empty" }
        for part in parts {
            if part.hasPrefix("#") {
                guard RedFlagWord(pattern: part) != nil else {
                    return "has a number pattern other than `#`, `#N+` or `#N-`"
                }
            } else {
                let word = part.hasSuffix("*") ? String(part.dropLast()) : part
                if word.isEmpty || word.contains("*") {
                    return "has a `*` that does not end a word"
                }
                if part.hasSuffix("*") && word.count < 3 {
                    return "has a `*` after fewer than 3 letters"
                }
                if Normalizer.words(word) != [word] {
                    return
                        "is not written as the normaliser reads it (lower case, `can not` for can't)"
                }
            }
        }
        return nil
    }

    /// The `when` list of a rule or built concept: each item a list of groups (`a|b`), or a mapping
    /// with `all`, `within` and `across-sentences`; `within` on the owner is the default.
    private mutating func readPatterns(
        _ fields: [String: Node], _ node: Node, _ file: String, _ what: String
    ) -> [RedFlagPattern] {
        var within = RedFlagPattern.defaultWithin
        if let withinNode = fields["within"] {
            if let value = withinNode.int, value >= 1 {
                within = value
            } else {
                problem(
                    file, withinNode, "\(what): `within` must be a whole number of words, 1 or more"
                )
            }
        }
        guard let when = fields["when"] else {
            problem(file, node, "\(what): missing `when`")
            return []
        }
        var patterns: [RedFlagPattern] = []
        for item in list(when, file, "\(what) when") {
            var pattern = RedFlagPattern(groups: [], within: within, acrossSentences: false)
            var groupsNode = item
            if item.mapping != nil {
                guard let mapping = self.fields(item, file, "\(what) pattern") else { continue }
                guard let all = mapping["all"] else {
                    problem(file, item, "\(what): a pattern written as a mapping needs `all`")
                    continue
                }
                groupsNode = all
                if let withinNode = mapping["within"] {
                    if let value = withinNode.int, value >= 1 {
                        pattern.within = value
                    } else {
                        problem(
                            file, withinNode,
                            "\(what): `within` must be a whole number of words, 1 or more")
                    }
                }
                pattern.acrossSentences = flag(
                    mapping["across-sentences"], file, what, "across-sentences")
            }
            for group in strings(groupsNode, file, "\(what) pattern") {
                let ids = group.split(separator: "|").map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                if ids.isEmpty || ids.contains(where: \.isEmpty) {
                    problem(file, groupsNode, "\(what): empty concept in `\(group)`")
                    continue
                }
                pattern.groups.append(ids)
            }
            if pattern.groups.isEmpty {
                problem(file, item, "\(what): a pattern needs at least one concept")
            } else {
                patterns.append(pattern)
            }
        }
        return patterns
    }

    // MARK: - Inverse relations

    private mutating func addInverseRelations() {
        var position: [String: Int] = [:]
        for (i, topic) in graph.topics.enumerated() where position[topic.id] == nil {
            position[topic.id] = i
        }
        var derived: [(Int, Relation)] = []
        for topic in graph.topics {
            for relation in topic.relations where !relation.isDerived {
                guard let target = position[relation.to] else { continue }
                var inverse = relation
                inverse.type = relation.type.inverse
                inverse.from = relation.to
                inverse.to = relation.from
                inverse.isDerived = true
                derived.append((target, inverse))
            }
        }
        for (target, relation) in derived {
            // Authors sometimes write both directions; the derived copy would only repeat the edge.
            let existing = graph.topics[target].relations
            if existing.contains(where: { $0.type == relation.type && $0.to == relation.to }) {
                continue
            }
            graph.topics[target].relations.append(relation)
        }
    }

    // MARK: - Node helpers

    private mutating func list(_ node: Node, _ file: String, _ what: String) -> [Node] {
        guard let items = node.sequence else {
            problem(file, node, "`\(what)` must be a list")
            return []
        }
        return Array(items)
    }

    private mutating func fields(_ node: Node, _ file: String, _ what: String) -> [String: Node]? {
        guard let mapping = node.mapping else {
            problem(file, node, "\(what) must be a mapping of `key: value` lines")
            return nil
        }
        var result: [String: Node] = [:]
        for (key, value) in mapping {
            let name = key.string ?? ""
            if result[name] != nil { problem(file, key, "\(what): key `\(name)` appears twice") }
            result[name] = value
        }
        return result
    }

    private mutating func requiredID(
        _ fields: [String: Node], _ node: Node, _ file: String, _ what: String
    ) -> String? {
        guard let id = requiredString(fields, "id", node, file, what) else { return nil }
        if !Schema.isValidID(id) {
            problem(
                file, fields["id"] ?? node,
                "\(what): id `\(id)` must be kebab-case (a-z, 0-9 and single hyphens)")
        }
        return id
    }

    private mutating func requiredString(
        _ fields: [String: Node], _ key: String, _ node: Node, _ file: String, _ what: String
    ) -> String? {
        guard let value = fields[key] else {
            problem(file, node, "\(what): missing `\(key)`")
            return nil
        }
        guard let text = value.scalar?.string,
            !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        else {
            problem(file, value, "\(what): `\(key)` must be non-empty text")
            return nil
        }
        return text
    }

    /// A `true`/`false` field, false when absent.
    private mutating func flag(_ node: Node?, _ file: String, _ what: String, _ key: String)
        -> Bool
    {
        guard let node else { return false }
        guard let value = node.bool else {
            problem(file, node, "\(what): `\(key)` must be true or false")
            return false
        }
        return value
    }

    private func string(_ node: Node?) -> String? {
        guard let text = node?.scalar?.string, !text.isEmpty else { return nil }
        return text
    }

    private mutating func strings(_ node: Node?, _ file: String, _ what: String) -> [String] {
        guard let node else { return [] }
        if let scalar = node.scalar { return scalar.string.isEmpty ? [] : [scalar.string] }
        guard let items = node.sequence else {
            problem(file, node, "`\(what)` must be a list")
            return []
        }
        var result: [String] = []
        for item in items {
            if let text = item.scalar?.string {
                result.append(text)
            } else {
                problem(file, item, "`\(what)` must hold plain text items")
            }
        }
        return result
    }

    private mutating func sourceList(
        _ fields: [String: Node], _ node: Node, _ file: String, _ what: String, required: Bool
    ) -> [String] {
        let sources = strings(fields["source"], file, "\(what) source")
        if sources.isEmpty && required { problem(file, node, "\(what): has no `source`") }
        return sources
    }

    private mutating func readGrade(
        _ fields: [String: Node], _ node: Node, _ file: String, _ what: String, required: Bool
    ) -> EvidenceGrade? {
        guard let gradeNode = fields["grade"] else {
            if required { problem(file, node, "\(what): has no evidence `grade`") }
            return nil
        }
        guard let text = gradeNode.scalar?.string, let grade = EvidenceGrade(rawValue: text) else {
            let expected = EvidenceGrade.allCases.map(\.rawValue).joined(separator: ", ")
            if let text = gradeNode.scalar?.string {
                problem(file, gradeNode, "\(what): unknown grade `\(text)` (expected \(expected))")
            } else {
                // `grade: [x]` or a mapping: there is no word to quote.
                problem(
                    file, gradeNode,
                    "\(what): `grade` must be one word, not a list or a mapping (expected \(expected))"
                )
            }
            return nil
        }
        return grade
    }

    private func loc(_ file: String, _ node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 0)
    }

    /// Records a problem at a node. Messages quote what the author wrote, which may hold line
    /// breaks or terminal escapes: they are shown escaped so each problem stays one safe line.
    private mutating func problem(_ file: String, _ node: Node, _ message: String) {
        problems.append(
            Diagnostic(file: file, line: node.mark?.line ?? 0, message: SafeText.escaped(message)))
    }

    /// libyaml's default limit on nested lists and mappings.
    static let maximumNesting = 1000

    /// One line for a YAML syntax error: Yams' own descriptions span several lines and quote the
    /// text.
    static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(
                separator: ", ")
            // libyaml names its own API ("set with yaml_set_max_nest_level()"), which means nothing
            // here.
            if detail.lowercased().contains("nesting level") {
                detail = "nested too deeply (at most \(Self.maximumNesting) levels)"
            }
            return Diagnostic(
                file: file, line: mark.line, message: SafeText.escaped("malformed YAML: \(detail)"))
        case .reader(let problem, let offset, let value, let yaml):
            // libyaml refuses the bytes themselves (a control character, a bad encoding): name the
            // character.
            let line = offset.map { lineNumber(atCharacterOffset: $0, in: yaml) } ?? 0
            let character = value >= 0 ? " (U+\(String(value, radix: 16, uppercase: true)))" : ""
            return Diagnostic(
                file: file, line: line,
                message: SafeText.escaped("malformed YAML: \(problem)\(character)"))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Diagnostic(
                file: file, line: context.mark.line,
                message: SafeText.escaped(
                    "malformed YAML: duplicate keys \(duplicates.sorted().joined(separator: ", "))")
            )
        default:
            let summary = "\(error)".split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            return Diagnostic(
                file: file, line: 0, message: SafeText.escaped("malformed YAML: \(summary)"))
        }
    }

    /// The 1-based line of a character offset, counting the line breaks YAML counts.
    static func lineNumber(atCharacterOffset offset: Int, in text: String) -> Int {
        1
            + text.prefix(max(0, offset)).reduce(0) { count, character in
                ["\n", "\r", "\r\n", "\u{85}", "\u{2028}", "\u{2029}"].contains(character)
                    ? count + 1 : count
            }
    }

    /// Folds the line breaks and runs of spaces that YAML block scalars leave behind.
    static func tidy(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    }
}
