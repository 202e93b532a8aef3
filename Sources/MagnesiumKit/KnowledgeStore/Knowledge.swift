import Foundation
import MagnesiumKnowledge
import MagnesiumText
import MagnesiumUnderstanding
import Synchronization

/// The loaded graph and the matcher built from it; shared by every session.
public final class Knowledge: Sendable {
    public let graph: Graph
    public let understander: Understander
    /// Per designed answer (by its index in `graph.answers`): its topics, the kind of question it
    /// answers (`amount`, `verdict`, ...), and its topics and the one group (children, pregnancy,
    /// ...) it is written for as bits. Read for every ranked answer of every question, so worked
    /// out once here.
    let answerTopicIDs: [[String]]
    let answerAsks: [String]
    /// Whether each answer opens by saying not to stop or swap a medicine.
    let answerSaysNotToStop: [Bool]
    /// The topic of the general emergency rule, under which the answers for someone waiting for
    /// help are filed, and whether each answer is filed there: asked of every ranked answer of
    /// every line, which compared each answer's topic by name.
    let generalEmergencyTopic: String?
    let answerIsForTheWait: [Bool]
    let answerTopicBits: AnswerTopicBits
    /// Each source as a JSON reply names it after its number ("Publisher: Title (2020)"),
    /// escaped, by its place in `graph.sources`: nearly every reply lists a few, and escaping them
    /// again for each cost a fifth of writing the reply.
    let sourceJSONText: [[UInt8]]
    /// The group of people a topic's own name names ("leg cramps in pregnancy": pregnancy), by
    /// topic id: naming such a topic names the group, though its words are taken by the topic.
    let groupNamedByTopic: [String: String]
    /// The places of the answers whose own topic is each form of magnesium, by form: a line
    /// naming one form sets aside the answers about the others by place, not by asking each
    /// ranked answer its topic. Each form with what it is a form of (``FactSelector/lineage(_:)``),
    /// worked out once here rather than for every form on every line that names one.
    let answersByOwnForm: [(form: String, lineage: [String], places: [Int])]

    /// Whether each answer's questions ask about babies, by place: 0 not worked out yet, 1 they
    /// do, 2 they do not. Worked out when first asked, since normalising every question of an
    /// answer each time cost more than the rest of the check, and few answers are ever asked.
    private let answersAboutBabies: Mutex<[UInt8]>
    /// Whether most of each answer's questions ask about an animal, by place, worked out as
    /// ``answersAboutBabies`` is.
    private let answersAboutAnimals: Mutex<[UInt8]>

    public convenience init(graph: Graph) {
        self.init(graph: graph, tables: Understander.Tables(graph: graph))
    }

    /// Knowledge whose matcher comes from tables built earlier for this graph (the compiled
    /// cache's), and what was worked out from them already (see ``Understander/Prepared``).
    init(graph: Graph, tables: Understander.Tables, prepared: Understander.Prepared? = nil) {
        self.graph = graph
        // What is worked out from the answers and sources does not depend on the matcher: on a
        // second thread while the matcher is made.
        let derived = SecondThread { AnswerDerived(graph) }
        self.understander = Understander(graph: graph, tables: tables, prepared: prepared)
        let answers = derived.result()
        answerTopicIDs = answers.topicIDs
        answerAsks = answers.asks
        answerSaysNotToStop = answers.saysNotToStop
        let emergencyTopic = graph.redFlags.rules.first { $0.id == ReservedID.emergencyRule }?
            .topicID
        generalEmergencyTopic = emergencyTopic
        answerIsForTheWait = answers.topicIDs.map { $0.first != nil && $0.first == emergencyTopic }
        groupNamedByTopic = answers.groupNamedByTopic
        answerTopicBits = answers.topicBits
        answersByOwnForm = answers.byOwnForm
        sourceJSONText = answers.sourceJSONText
        answersAboutBabies = Mutex([UInt8](repeating: 0, count: graph.answers.count))
        answersAboutAnimals = Mutex([UInt8](repeating: 0, count: graph.answers.count))
    }

    /// Whether most questions of the answer at `place` name an animal (`isAnimal` says which
    /// words do): such an answer is written about pets, not people. The first answer is kept, so
    /// every caller passes the same `isAnimal` (``Session/namesAnAnimal(_:)``).
    func isAboutAnimals(answerAt place: Int, isAnimal: (String) -> Bool) -> Bool {
        if case let known = answersAboutAnimals.withLock({ $0[place] }), known != 0 {
            return known == 1
        }
        let questions = graph.answers[place].questions
        let naming = questions.filter { Normalizer.words($0).contains(where: isAnimal) }.count
        let aboutAnimals = !questions.isEmpty && naming * 2 >= questions.count
        answersAboutAnimals.withLock { $0[place] = aboutAnimals ? 1 : 2 }
        return aboutAnimals
    }

    /// Whether the questions of the answer at `place` ask about babies: such an answer is
    /// written for under-ones.
    func isAboutBabies(answerAt place: Int) -> Bool {
        if case let known = answersAboutBabies.withLock({ $0[place] }), known != 0 {
            return known == 1
        }
        let aboutBabies = graph.answers[place].questions.contains { question in
            Normalizer.words(question).contains { YoungAge.babyWords.contains($0) }
        }
        answersAboutBabies.withLock { $0[place] = aboutBabies ? 1 : 2 }
        return aboutBabies
    }

    /// Whether an answer's first sentence says not to stop or swap a medicine, or that magnesium
    /// cannot stand in for one.
    static func saysNotToStop(_ answer: DesignedAnswer) -> Bool {
        guard let first = answer.says.first?.text.lowercased() else { return false }
        return notToStopPhrases.contains { first.contains($0) }
    }

    private static let notToStopPhrases = [
        "do not stop", "never stop", "do not swap", "no substitute", "not a substitute",
        "stand in for", "the same job",
    ]

    /// What ``Knowledge`` works out from the graph's answers and sources.
    private struct AnswerDerived: Sendable {
        var topicIDs: [[String]] = []
        var asks: [String] = []
        var saysNotToStop: [Bool] = []
        var groupNamedByTopic: [String: String]
        var topicBits: AnswerTopicBits
        var byOwnForm: [(form: String, lineage: [String], places: [Int])]
        var sourceJSONText: [[UInt8]]

        init(_ graph: Graph) {
            topicIDs.reserveCapacity(graph.answers.count)
            asks.reserveCapacity(graph.answers.count)
            var placesByForm: [String: [Int]] = [:]
            for place in graph.answers.indices {
                topicIDs.append(graph.answers[place].topicIDs)
                asks.append(graph.answers[place].asks)
                saysNotToStop.append(Knowledge.saysNotToStop(graph.answers[place]))
                let topic = graph.answers[place].topicID
                if graph.kind(ofTopic: topic) == "form" {
                    placesByForm[topic, default: []].append(place)
                }
            }
            let selector = FactSelector(graph: graph)
            byOwnForm = placesByForm.sorted { $0.key < $1.key }.map {
                ($0.key, selector.lineage($0.key), $0.value)
            }
            let groupNamedByTopic = Knowledge.groupsNamedByTopics(graph)
            self.groupNamedByTopic = groupNamedByTopic
            // An answer whose own topic names a group ("does magnesium help leg cramps in
            // pregnancy?") is written for that group, as one that lists the group is; it is not
            // about the group for the gains of those in it, which go by the topics it lists.
            topicBits = AnswerTopicBits(
                topicIDs: topicIDs,
                impliedGroups: graph.answers.indices.map {
                    groupNamedByTopic[graph.answers[$0].topicID]
                }
            ) { topic in
                Knowledge.personKinds.contains(graph.kind(ofTopic: topic) ?? "")
            }
            sourceJSONText = graph.sources.map { source in
                var text: [UInt8] = []
                if !source.publisher.isEmpty {
                    JSONText.appendEscaped(source.publisher, to: &text)
                    JSONText.appendLiteral(": ", to: &text)
                }
                JSONText.appendEscaped(source.title, to: &text)
                if let year = source.year {
                    JSONText.appendLiteral(" (", to: &text)
                    JSONText.appendDecimal(year, to: &text)
                    text.append(UInt8(ascii: ")"))
                }
                return text
            }
        }
    }

    /// Each topic whose name has a word that names exactly one group on its own (its name or a
    /// one-word alias), with that group.
    fileprivate static func groupsNamedByTopics(_ graph: Graph) -> [String: String] {
        var groupOfWord: [String: String?] = [:]
        for topic in graph.topics where topic.kind == "group" {
            for name in [topic.name] + topic.aliases where !name.contains(" ") {
                let word = name.lowercased()
                groupOfWord[word] = groupOfWord[word] == nil ? topic.id : .some(nil)
            }
        }
        var named: [String: String] = [:]
        for topic in graph.topics where topic.kind != "group" {
            let groups = Set(
                topic.name.lowercased().split(separator: " ").compactMap {
                    groupOfWord[String($0)] ?? nil
                })
            if groups.count == 1 { named[topic.id] = groups.first }
        }
        return named
    }

    /// Kinds of topic that say whom an answer is for: a group of people, or those taking a
    /// medicine.
    static let personKinds: Set<String> = ["group", "medicine"]

    /// Loads `Knowledge/` from a folder: from the compiled cache when it matches the YAML
    /// byte for byte, else parsed and validated from the YAML (then cached for next time).
    public static func load(from directory: URL, cache: CompiledKnowledgeCache = .standard) throws
        -> Knowledge
    {
        try cache.load(from: directory).knowledge
    }

    /// ``load(from:cache:)`` for a folder given as an absolute path.
    public static func load(fromFolder path: String, cache: CompiledKnowledgeCache = .standard)
        throws -> Knowledge
    {
        try cache.load(fromFolder: path).knowledge
    }
}
