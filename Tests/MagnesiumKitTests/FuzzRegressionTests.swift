import Foundation
import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumKnowledge
@testable import MagnesiumText
@testable import MagnesiumTranscripts
@testable import MagnesiumUnderstanding

/// Every problem the fuzzers in `Fuzz/` found, as the minimised input that showed it, so it
/// stays fixed, wherever the fix was made.
@Suite struct FuzzRegressionTests {
    /// The characters `Fuzz` treats as unsafe to print: C0 controls but the line feed, DEL, C1
    /// controls, bidirectional overrides and isolates.
    static func rawControls(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { scalar in
            switch scalar.value {
            case 0x0A: false
            case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069: true
            default: false
            }
        }
    }

    func loadProblems(_ yaml: String) -> [Diagnostic] {
        do {
            _ = try KnowledgeLoader.load(yaml: [(file: "Knowledge/fuzz.yaml", text: yaml)])
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// fuzz-knowledge: libyaml's reader error (a control character) came out as Yams' own
    /// description: line 0, then the quoted line and a caret on two more lines.
    @Test func aControlCharacterInYAMLIsOneLineWithItsLineNumber() {
        let problems = loadProblems("areas:\n  - id: a\n    name: n\u{1C}where\n")
        #expect(
            problems.map(\.description) == [
                "Knowledge/fuzz.yaml:3: malformed YAML: control characters are not allowed (U+1C)"
            ])
    }

    /// fuzz-knowledge: messages quote what the author wrote; a double-quoted YAML string can hold
    /// escapes and line breaks, which reached stderr raw.
    @Test func quotedValuesInLoadMessagesAreEscaped() {
        let problems = loadProblems(
            "topics:\n  - id: t\n    name: \"\\e]0;x\\a\"\n    area: \"\\n\"\n    kind: \"\\u202Econcept\"\n"
        )
        #expect(!problems.isEmpty)
        for problem in problems {
            #expect(
                Self.rawControls(problem.description).isEmpty
                    && !problem.description.contains("\n"),
                "\(problem.description.debugDescription)")
        }
        #expect(
            problems.map(\.description).contains(
                "Knowledge/fuzz.yaml:5: topic t: unknown kind `\\u{202E}concept` (expected one of \(Schema.kinds.joined(separator: ", ")))"
            ))
    }

    /// fuzz-knowledge: a validator message quoting an alias with a line break.
    @Test func validatorMessagesAreEscaped() throws {
        var graph = Graph()
        graph.topics = [
            Topic(
                id: "a", name: "x\u{1B}[2J\ny", areaID: "", kind: "concept", aliases: [], facts: [],
                properties: [], relations: [], location: SourceLocation(file: "f", line: 1)),
            Topic(
                id: "b", name: "x\u{1B}[2J\ny", areaID: "", kind: "concept", aliases: [], facts: [],
                properties: [], relations: [], location: SourceLocation(file: "f", line: 2)),
        ]
        graph.reindex()
        let validator = GraphValidator(graph: graph)
        let messages = (validator.structuralProblems() + validator.contentProblems()).map(
            \.description)
        #expect(messages.contains { $0.contains("alias `x\\e[2J\\ny` of b") }, "\(messages)")
        for message in messages {
            #expect(
                Self.rawControls(message).isEmpty && !message.contains("\n"),
                "\(message.debugDescription)")
        }
    }

    /// fuzz-reply: an unknown command's name was echoed raw into the reply, which batch mode
    /// prints.
    @Test func anUnknownCommandNameIsNotEchoedRaw() {
        var session = Session(knowledge: Repository.knowledge)
        for line in [":\u{1B}", ":help \u{1B}]0;x\u{07}", ":\u{202E}"] {
            let reply = session.respond(to: line)
            #expect(Self.rawControls(reply.text).isEmpty, "\(reply.text.debugDescription)")
        }
    }

    /// fuzz-reply (`reply-crash-3a5d4be0…`, "dOSe\0of m444…"): an amount too big for an Int trapped
    /// in `Int(amount)` when the reply named it; a 310-digit one overflowed to infinity.
    @Test func hugeAmountsDoNotCrash() {
        var session = Session(knowledge: Repository.knowledge)
        for line in [
            "is 9223372036854775808 mg too much?", "how much is 1,000,000,000,000,000,000,000 mg",
            "is \(String(repeating: "9", count: 310)) mg too much",
            "dOSe\u{0}of m44444444444444444444444 mg",
        ] {
            #expect(!session.respond(to: line).text.isEmpty)
        }
    }

    /// fuzz-transcript: "\r\n" is one Swift Character, so splitting the text on "\n" kept a
    /// CRLF file as one line.
    @Test func aCRLFTranscriptHasItsTurns() throws {
        let transcript = try Transcript.parse(
            "> what is glycine?\r\nGlycine\r\n> :quit\r\nGoodbye.", file: "fuzz.txt")
        #expect(transcript.turns.map(\.input) == ["what is glycine?", ":quit"])
        #expect(transcript.turns.map(\.expected) == [["Glycine"], ["Goodbye."]])
    }

    /// fuzz-transcript: a turn's input, quoted in a problem message, carried its escapes raw.
    @Test func transcriptMessagesQuoteInputEscaped() {
        do {
            _ = try Transcript.parse("> \u{1B}[2J\u{202E}\n", file: "fuzz.txt")
            Issue.record("a turn without a reply must not parse")
        } catch {
            for problem in error.diagnostics {
                #expect(
                    Self.rawControls(problem.description).isEmpty
                        && !problem.description.contains("\n"),
                    "\(problem.description.debugDescription)")
            }
        }
    }

    /// fuzz-transcript: `# expect:` syntax errors quoted the offending word raw (NULs, escapes).
    @Test func expectationMessagesQuoteTheWordEscaped() {
        for annotation in [
            "\u{1B}[2J=x", "in\u{0}tent=greeting", "intent=\u{202E}x|", "confidence>=\u{7}",
        ] {
            do {
                _ = try Transcript.parse(
                    "> hi\n# expect: \(annotation)\nHello.\n", file: "fuzz.txt")
            } catch {
                for problem in error.diagnostics {
                    #expect(
                        Self.rawControls(problem.description).isEmpty,
                        "\(problem.description.debugDescription)")
                }
            }
        }
    }

    /// fuzz-transcript (minimised `> \n...\n\n...`): `replay --update` rewrote a failing
    /// wildcard pattern to a lone `...`, which the next parse rejects.
    @Test func updateNeverWritesATranscriptThatFailsToParse() throws {
        for text in ["> \n...\n\n...", "> hi\n...\n\n...\n"] {
            let transcript = try Transcript.parse(text, file: "fuzz.txt")
            let result = TranscriptReplayer(knowledge: Repository.knowledge).replay(
                transcript, file: "fuzz.txt")
            let updated = transcript.updatingReplies(result.actualReplies).text
            let again = try Transcript.parse(updated, file: "fuzz.txt")
            #expect(again.turns.map(\.input) == transcript.turns.map(\.input))
        }
    }

    /// fuzz-compiled-graph (heap-buffer-overflow in `IntentClassifier.scores`): decoded weights
    /// that are positive but tiny multiply to zero, and a sum still at zero counted as "not yet
    /// touched", so one example was listed again for every word and overran the scratch list.
    @Test func tinyWeightsThatUnderflowListEachExampleOnce() {
        let tiny = 1e-200
        let classifier = IntentClassifier(
            intentIDs: ["a"], exampleIntent: [0], exampleNorm: [1],
            wordID: ["x": 0, "y": 1, "z": 2], pairID: [:],
            idf: [tiny, tiny, tiny], postingStart: [0, 1, 2, 3], postingExample: [0, 0, 0],
            postingWeight: [tiny, tiny, tiny], unknownWeight: 1)
        let scratch = ScoringScratch()
        for _ in 0..<3 {
            let scores = classifier.scores(
                .init(keys: ["x", "y", "z", "x"], topics: []), scratch: scratch)
            #expect(scores == [0])
        }
        let sane = IntentClassifier(
            intentIDs: ["a"], exampleIntent: [0], exampleNorm: [1], wordID: ["x": 0], pairID: [:],
            idf: [1], postingStart: [0, 1], postingExample: [0], postingWeight: [1],
            unknownWeight: 1)
        #expect(sane.scores(.init(keys: ["x"], topics: []), scratch: scratch) == [1])
    }
}
