import Foundation
import MagnesiumKit
import MagnesiumText
import Testing

@testable import magnesium

/// The short view numbers the sources it shows 1, 2, 3 in the order they are read, though it
/// holds back sentences from the middle of an answer and still shows the caution after them.
@Suite struct ShownNumberingTests {
    /// An answer whose middle sentences cite sources 3 and 4 and whose caution cites 5.
    static let reply: Reply = {
        var reply = Reply(
            question: "q", text: "Lead. [1, 2] Middle one. [3] Middle two. [4]\nCaution. [5]",
            intent: "answer")
        reply.sourceIDs = ["a", "b", "c", "d", "e"]
        reply.alwaysShown = ["Caution. [5]"]
        return reply
    }()

    @Test func shownSourcesComeFirstInReadingOrderAndTheRestFollow() {
        let numbering = ShownNumbering(
            Self.reply, shown: ["Lead. [1, 2]", "Caution. [5]"],
            rest: ["Middle one. [3] Middle two. [4]"])
        #expect(!numbering.changesNothing)
        #expect(numbering.sourceIDs == ["a", "b", "e", "c", "d"])
        #expect(numbering.apply("Caution. [5]") == "Caution. [3]")
        #expect(
            numbering.apply("Middle one. [3] Middle two. [4]") == "Middle one. [4] Middle two. [5]")
        // Within one marker the numbers still rise.
        #expect(numbering.apply("Both. [5, 1]") == "Both. [1, 3]")
        let numbered = numbering.apply(Self.reply)
        #expect(numbered.sourceIDs == ["a", "b", "e", "c", "d"])
        #expect(numbered.alwaysShown == ["Caution. [3]"])
        #expect(numbered.text == "Lead. [1, 2] Middle one. [4] Middle two. [5]\nCaution. [3]")
    }

    @Test func numbersAlreadyInOrderAreLeftAlone() {
        let numbering = ShownNumbering(
            Self.reply, shown: ["Lead. [1, 2] Middle one. [3] Middle two. [4]", "Caution. [5]"],
            rest: [])
        #expect(numbering.changesNothing)
        #expect(numbering.apply(Self.reply).text == Self.reply.text)
    }

    /// Batch output of real answers: every short answer's numbers run 1, 2, 3 as read, its
    /// `Sources:` line names exactly those, `:more` goes on from them, and "source?" lists the
    /// works by the numbers the answer was read with.
    @Test func batchAnswersReadInOrderAndSourceListsTheSameNumbers() throws {
        let result = try BuiltBinary.run(
            [], input: "how much magnesium can i take a day\n:more\nsource?\n")
        #expect(result.status == 0)
        let replies = result.stdout.components(separatedBy: "\n\n")
        try #require(replies.count == 3, "\(result.stdout)")
        let short = replies[0].split(separator: "\n").map(String.init)
        let text = short.filter { !$0.hasPrefix("Sources: ") && !$0.hasPrefix("(:more") }
        let read = Self.numbersInReadingOrder(text)
        #expect(read == Array(1...read.count), "\(replies[0])")
        let sourcesLine = try #require(short.first { $0.hasPrefix("Sources: ") })
        #expect(Self.listed(in: sourcesLine) == read, "\(sourcesLine)")
        let more = Self.numbersInReadingOrder(
            replies[1].split(separator: "\n").map(String.init).filter {
                !$0.hasPrefix("Sources: ")
            })
        #expect(more.contains(read.count + 1), "\(replies[1])")
        // "source?" names, under each number, the work the short answer cited by it.
        for line in replies[2].split(separator: "\n").dropFirst() {
            let number = try #require(Int(line.dropFirst().prefix { $0 != "]" }))
            guard number <= read.count,
                let title = sourcesLine.components(separatedBy: "[\(number)] ").dropFirst().first?
                    .components(separatedBy: ": ").dropFirst().first?
                    .components(separatedBy: " (").first
            else { continue }
            #expect(line.contains(title), "\(number): \(line) vs \(sourcesLine)")
        }
    }

    /// Each number cited, once, in the order first read.
    static func numbersInReadingOrder(_ lines: [String]) -> [Int] {
        var order: [Int] = []
        for line in lines {
            for marker in Citations.markers(in: line[...]) {
                for number in marker.numbers where !order.contains(number) { order.append(number) }
            }
        }
        return order
    }

    /// The numbers a `Sources:` line lists, in order.
    static func listed(in line: String) -> [Int] {
        line.components(separatedBy: "; ").compactMap { part in
            let start = part.hasPrefix("Sources: ") ? part.dropFirst("Sources: ".count) : part[...]
            guard start.hasPrefix("[") else { return nil }
            return Int(start.dropFirst().prefix { $0 != "]" })
        }
    }
}
