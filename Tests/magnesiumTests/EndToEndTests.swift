import Foundation
import Testing

/// Runs the built `magnesium` binary the way a user or a script would.
@Suite struct EndToEndTests {
    @Test func jsonModeGivesOneObjectPerLine() throws {
        let result = try BuiltBinary.run(
            ["--json"], input: "what is magnesium bisglycinate?\nhow much should I take?\n")
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let objects = try lines.map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        #expect(objects[0]["question"] as? String == "what is magnesium bisglycinate?")
        #expect(objects[0]["intent"] as? String == "answer")
        #expect((objects[0]["topics"] as? [String])?.contains("magnesium-bisglycinate") == true)
        #expect((objects[0]["answer"] as? String)?.lowercased().contains("glycine") == true)
        #expect(objects[1]["intent"] as? String == "answer")
        #expect((objects[1]["answer"] as? String)?.contains("mg") == true)
        for object in objects {
            let confidence = object["confidence"] as? Double ?? -1
            #expect((0...1).contains(confidence))
            #expect(!(object["sources"] as? [String] ?? []).isEmpty)
        }
    }

    @Test func plainBatchSeparatesAnswersWithOneBlankLine() throws {
        let result = try BuiltBinary.run(
            [], input: "what is glycine?\n\n   \nwhat causes cramps?\n")
        #expect(result.status == 0)
        let answers = result.stdout.components(separatedBy: "\n\n")
        #expect(answers.count == 2)
        #expect(!result.stdout.contains("magnesium>"))
        #expect(!result.stdout.contains("\u{1B}["))
    }

    @Test func askAnswersOneQuestion() throws {
        let result = try BuiltBinary.run(["ask", "what is magnesium bisglycinate?"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("glycine"))
    }

    @Test func knowledgeIsFoundFromAnotherDirectory() throws {
        let result = try BuiltBinary.run(
            ["ask", "what is glycine"], directory: URL(fileURLWithPath: "/tmp"))
        #expect(result.status == 0)
        #expect(result.stdout.lowercased().contains("amino acid"))
    }

    @Test func copiedBinaryWithKnowledgeFlag() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mg-bin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copy = folder.appendingPathComponent("magnesium")
        try BuiltBinary.copyExecutable(BuiltBinary.url, to: copy)
        let result = try BuiltBinary.run(
            [
                "ask", "--knowledge", BuiltBinary.root.appendingPathComponent("Knowledge").path,
                "what is glycine",
            ], executable: copy)
        #expect(result.status == 0)
        #expect(result.stdout.lowercased().contains("amino acid"))
    }

    @Test func brokenKnowledgeGivesFileLineAndStatus65() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mg-kb-\(UUID().uuidString)/Knowledge")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "areas:\n  - id: a\n    name: A\n".write(
            to: folder.appendingPathComponent("areas.yaml"), atomically: true, encoding: .utf8)
        try "topics:\n  - id: x\n    name: [oops\n".write(
            to: folder.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let result = try BuiltBinary.run(["ask", "--knowledge", folder.path, "hi"])
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("Knowledge/bad.yaml:4: malformed YAML"))
        #expect(result.stdout.isEmpty)
    }

    @Test func missingKnowledgeFolderIs66() throws {
        let result = try BuiltBinary.run(["ask", "--knowledge", "/nonexistent/Knowledge", "hi"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("not found"))
    }

    @Test func replayPassesAndReportsCounts() throws {
        let result = try BuiltBinary.run(["replay"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.hasSuffix(" passed, 0 failed\n"))
    }

    @Test func replayFailsOnAChangedAnswer() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mg-\(UUID().uuidString).txt")
        try "# title: wrong on purpose\n> :profile\nI know everything about you.\n".write(
            to: file, atomically: true, encoding: .utf8)
        let result = try BuiltBinary.run(["replay", file.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("FAIL \(file.path)"))
        #expect(result.stdout.contains("-I know everything about you."))
        #expect(result.stdout.hasSuffix("0 passed, 1 failed\n"))
    }

    @Test func checkPasses() throws {
        let result = try BuiltBinary.run(["check"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("topics:"))
    }

    @Test func unknownOptionIsAUsageError() throws {
        let result = try BuiltBinary.run(["--bogus"])
        #expect(result.status == 64)
    }

    @Test func graphShowsANeighbourhoodAsTextAndDot() throws {
        let text = try BuiltBinary.run(["graph", "charley horse"])
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("muscle cramps (muscle-cramps)"))
        #expect(text.stdout.contains("caused-by → dehydration"))
        let dot = try BuiltBinary.run([
            "graph", "magnesium-bisglycinate", "--format", "dot", "--depth", "1",
        ])
        #expect(dot.stdout.hasPrefix("digraph magnesium {"))
        #expect(
            dot.stdout.contains("\"magnesium-bisglycinate\" -> \"magnesium\" [label=\"form-of\"];"))
        let unknown = try BuiltBinary.run(["graph", "unicorn horn"])
        #expect(unknown.status == 66)
    }

    @Test func checkReportsPhrasingsThatTwoIntentsShare() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mg-check-\(UUID().uuidString)")
        try FileManager.default.copyItem(
            at: BuiltBinary.root.appendingPathComponent("Knowledge"), to: folder)
        let intents = folder.appendingPathComponent("intents.yaml")
        var text = try String(contentsOf: intents, encoding: .utf8)
        text = text.replacingOccurrences(
            of: "      - how much should i take\n",
            with: "      - how much should i take\n      - hi\n")
        try text.write(to: intents, atomically: true, encoding: .utf8)
        let result = try BuiltBinary.run(["check", "--knowledge", folder.path])
        #expect(result.status == 65)
        #expect(
            result.stderr.contains("phrasing \"hi\" of intent greeting is also a phrasing of dose"))
    }

    /// Each process seeds Swift's hashing differently, so two runs catch any order that leaks from
    /// a Dictionary.
    @Test func twoProcessesGiveTheSameWords() throws {
        let table = try String(
            contentsOf: BuiltBinary.root.appendingPathComponent(
                "Tests/ContentTests/Fixtures/phrasings.tsv"), encoding: .utf8)
        let questions = table.split(separator: "\n").filter { !$0.hasPrefix("#") }.map {
            String($0.split(separator: "\t")[0])
        }
        let input = questions.joined(separator: "\n") + "\n"
        let first = try BuiltBinary.run(["--json"], input: input)
        let second = try BuiltBinary.run(["--json"], input: input)
        #expect(first.status == 0)
        #expect(first.stdout.split(separator: "\n").count == questions.count)
        #expect(first.stdout == second.stdout)
    }
}
