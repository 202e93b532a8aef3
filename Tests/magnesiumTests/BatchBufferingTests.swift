import Foundation
import Testing

/// Batch mode collects answers and writes them in blocks, but never keeps one back: each is out
/// before the program waits for input, and a stop signal writes what was answered, whole.
@Suite struct BatchBufferingTests {
    /// Reads from `handle` until `done` holds for what arrived, or the stream ends.
    func read(_ handle: FileHandle, until done: (String) -> Bool) -> String {
        var received = Data()
        while !done(String(decoding: received, as: UTF8.self)) {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            received.append(chunk)
        }
        return String(decoding: received, as: UTF8.self)
    }

    @Test func eachAnswerArrivesBeforeTheNextQuestionIsSent() throws {
        let input = Pipe()
        let (process, output) = try BatchSignalTests.launch(["--json"], input: input, limit: 30)
        // A conversation driven one line at a time: the second question depends on the first answer
        // having come.
        input.fileHandleForWriting.write(Data("what is glycine?\n".utf8))
        let first = read(output) { $0.hasSuffix("\n") }
        #expect(first.contains("\"intent\":\"answer\""), "\(first)")
        input.fileHandleForWriting.write(Data("and citrate?\n".utf8))
        let second = read(output) { $0.hasSuffix("\n") }
        #expect(second.contains("magnesium-citrate"), "\(second)")
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func manyLinesReadAheadAreAnsweredOnceEachInOrder() throws {
        // Lines of every kind, blank ones among them, far more than the read-ahead holds.
        let kinds = [
            "what is glycine?", "   ", "and citrate?", "I'm 75", ":topics",
            "how much should I take", "", "is it safe with lasix",
        ]
        let questions = (0..<3_000).map { "\(kinds[$0 % kinds.count]) \($0 % 7 == 0 ? "pls" : "")" }
        let run = try BuiltBinary.run(["--json"], input: questions.joined(separator: "\n") + "\n")
        #expect(run.status == 0)
        let asked = questions.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let answered = run.lines.map { line -> String in
            guard let data = line.data(using: .utf8),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                let question = object["question"] as? String
            else { return "(not a reply: \(line.prefix(80)))" }
            return question
        }
        #expect(answered == asked)
    }

    @Test func sigtermInTheMiddleOfALargeInputWritesWholeAnswersAndExits143() throws {
        // Far more questions than one read takes in or one write sends out, from a file: the
        // program never waits for input, so only the signal can stop it early.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mg-batch-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(
            String(
                repeating: "how much magnesium bisglycinate should I take?\nwhat is glycine?\n",
                count: 20_000
            ).utf8
        ).write(to: file)
        let (process, output) = try BatchSignalTests.launch(
            ["--json"], input: try FileHandle(forReadingFrom: file), limit: 60)
        let pid = process.processIdentifier
        let early = read(output) { $0.split(separator: "\n").count >= 10 }
        kill(pid, SIGTERM)
        let rest = read(output) { _ in false }
        process.waitUntilExit()
        #expect(process.terminationStatus == 143)
        let lines = (early + rest).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count > 10)
        #expect(lines.last == "", "the output ends with a whole line")
        for line in lines.dropLast() {
            #expect(
                line.hasPrefix("{\"question\":") && line.hasSuffix("]}"),
                "a cut or mangled answer: \(line.prefix(120))")
        }
    }
}
