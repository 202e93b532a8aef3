import Foundation
import Testing

/// What the hostile-input and broken-file tests look for in a run's raw output.
extension BuiltBinary.Run {
    /// Characters in the output that would act on a terminal rather than show: C0 controls other
    /// than the line feed, DEL, C1 controls and bidirectional overrides and isolates.
    static func rawControls(in data: Data) -> [String] {
        String(decoding: data, as: UTF8.self).unicodeScalars.compactMap { scalar in
            switch scalar.value {
            case 0x0A: return nil
            case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069:
                return "U+" + String(scalar.value, radix: 16, uppercase: true)
            default: return nil
            }
        }
    }

    /// The stdout lines of `--json` mode, each parsed as one JSON object.
    func jsonObjects() throws -> [[String: Any]] {
        try lines.map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            return try #require(object as? [String: Any], "not a JSON object: \(line)")
        }
    }
}

/// A piece of test input: text (as UTF-8) or raw bytes.
protocol InputPart { var inputBytes: [UInt8] { get } }
extension String: InputPart { var inputBytes: [UInt8] { Array(utf8) } }
/// Raw bytes in test input, for what a `String` cannot hold (invalid UTF-8).
struct Bytes: InputPart {
    var inputBytes: [UInt8]
    init(_ bytes: UInt8...) { inputBytes = bytes }
}

/// Whatever people paste: each line gets a clean reply, nothing raw reaches the terminal, the run
/// ends with status 0, and `--json` gives exactly one object per non-blank input line.
@Suite struct HostileInputTests {
    /// Input made of text and raw bytes (`[0xFF]`), for what text cannot hold.
    static func bytes(_ parts: any InputPart...) -> Data {
        parts.reduce(into: Data()) { data, part in data.append(contentsOf: part.inputBytes) }
    }

    /// Runs `input` in `--json` and in plain batch mode and checks what every hostile line must
    /// get. Returns the JSON objects.
    @discardableResult
    func expectCleanReplies(
        to input: Data, lines expected: Int, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [[String: Any]] {
        let json = try BuiltBinary.run(["--json"], input: input)
        #expect(json.status == 0, "stderr: \(json.stderr)", sourceLocation: sourceLocation)
        #expect(json.stderrBytes.isEmpty, "stderr: \(json.stderr)", sourceLocation: sourceLocation)
        #expect(
            String(data: json.stdoutBytes, encoding: .utf8) != nil,
            "--json output is not valid UTF-8", sourceLocation: sourceLocation)
        #expect(
            BuiltBinary.Run.rawControls(in: json.stdoutBytes).isEmpty,
            "raw in --json: \(BuiltBinary.Run.rawControls(in: json.stdoutBytes))",
            sourceLocation: sourceLocation)
        let objects = try json.jsonObjects()
        try #require(
            objects.count == expected, "one object per input line", sourceLocation: sourceLocation)
        for object in objects {
            #expect(
                !(object["answer"] as? String ?? "").isEmpty, "empty answer: \(object)",
                sourceLocation: sourceLocation)
        }

        let plain = try BuiltBinary.run([], input: input)
        #expect(plain.status == 0, "stderr: \(plain.stderr)", sourceLocation: sourceLocation)
        #expect(
            plain.stderrBytes.isEmpty, "stderr: \(plain.stderr)", sourceLocation: sourceLocation)
        #expect(
            String(data: plain.stdoutBytes, encoding: .utf8) != nil,
            "plain output is not valid UTF-8", sourceLocation: sourceLocation)
        #expect(
            BuiltBinary.Run.rawControls(in: plain.stdoutBytes).isEmpty,
            "raw in plain output: \(BuiltBinary.Run.rawControls(in: plain.stdoutBytes))",
            sourceLocation: sourceLocation)
        #expect(
            plain.stdout.components(separatedBy: "\n\n").count == expected,
            "one answer per input line", sourceLocation: sourceLocation)
        return objects
    }

    @Test func invalidUTF8IsAnsweredAsReplacementCharacters() throws {
        // A lone continuation byte, a truncated sequence, an overlong "/", a UTF-16 surrogate,
        // 0xFF.
        let input = Self.bytes(
            "what is ", Bytes(0x80), " glycine?\n", "dose ", Bytes(0xE2, 0x82), "\n",
            Bytes(0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xFF, 0xFE), "\n")
        let objects = try expectCleanReplies(to: input, lines: 3)
        #expect((objects[0]["question"] as? String)?.contains("\u{FFFD}") == true)
        #expect(objects[0]["intent"] as? String == "answer", "the readable words still count")
    }

    @Test func nulBytesDoNotCutTheLine() throws {
        let input = Self.bytes(
            "what", Bytes(0), " is glycine?\n", Bytes(0, 0, 0), "\n", "how much should I take?",
            Bytes(0), "\n")
        let objects = try expectCleanReplies(to: input, lines: 3)
        #expect(
            objects[0]["question"] as? String == "what\u{0} is glycine?",
            "JSON carries the NUL escaped, as typed")
        #expect(objects[2]["intent"] as? String == "answer")
    }

    @Test func aMegabyteLineGetsOneReply() throws {
        let line = "what is magnesium bisglycinate? " + String(repeating: "cramp ", count: 175_000)
        #expect(line.utf8.count > 1_000_000)
        let objects = try expectCleanReplies(
            to: Data((line + "\nhow much should I take?\n").utf8), lines: 2)
        #expect(
            objects[1]["intent"] as? String == "answer", "the session goes on after the long line")
    }

    @Test func aHundredThousandLinesAreReadToTheEnd() throws {
        // Blank and whitespace-only lines get no answer in batch mode (README), so most of these
        // lines cost only reading; every 1,000th asks, and the last one must still be answered.
        var text = ""
        for index in 0..<100_000 {
            text +=
                index % 1_000 == 999
                ? (index == 99_999 ? "how much should I take?\n" : "what is glycine?\n")
                : (index % 2 == 0 ? "\n" : " \t \n")
        }
        let json = try BuiltBinary.run(["--json"], input: Data(text.utf8))
        #expect(json.status == 0)
        let objects = try json.jsonObjects()
        #expect(objects.count == 100)
        #expect(objects.last?["intent"] as? String == "answer")
    }

    @Test func whitespaceOnlyInputAnswersNothingAndSucceeds() throws {
        for arguments in [["--json"], []] {
            let run = try BuiltBinary.run(arguments, input: Self.bytes(" \n\t\t\n\r\n\n   \t"))
            #expect(run.status == 0)
            #expect(run.stdoutBytes.isEmpty, "blank lines get no answer: \(run.stdout)")
            #expect(run.stderrBytes.isEmpty)
        }
        // Spaces pasted from web pages (no-break) and CJK input methods (ideographic) are blank
        // too.
        let unicodeSpaces = try BuiltBinary.run(
            ["--json"], input: Self.bytes("\u{00A0}\u{3000}\u{2003}\n\u{0B}\u{0C}\n"))
        #expect(unicodeSpaces.status == 0)
        #expect(unicodeSpaces.stdoutBytes.isEmpty, "\(unicodeSpaces.stdout)")
        let ask = try BuiltBinary.run(["ask", " \t "])
        #expect(ask.status == 0)
        #expect(ask.stdout.contains("Ask me anything"))
    }

    @Test func escapeSequencesAndControlCharactersNeverReachStdoutRaw() throws {
        let input = Self.bytes(
            "\u{1B}[31mwhat is glycine?\u{1B}[0m\n",  // colour
            "\u{1B}]0;pwned\u{07}how much should I take?\n",  // window title (OSC ... BEL)
            "\u{1B}[2J\u{1B}[Hcramps\n",  // clear screen, cursor home
            "tab\tbell\u{07}backspace\u{08}del\u{7F}vt\u{0B}ff\u{0C}cr\rmid\n",  // C0 and DEL
            "\u{1B}[31mcramps\n:why\n")  // :why shows the question it read
        let objects = try expectCleanReplies(to: input, lines: 6)
        #expect(
            objects[0]["question"] as? String == "\u{1B}[31mwhat is glycine?\u{1B}[0m",
            "JSON keeps the question, escaped")
        #expect(
            objects[0]["intent"] as? String == "answer", "escape sequences do not hide the words")
        #expect(objects[1]["intent"] as? String == "answer")
        let why = objects[5]["answer"] as? String ?? ""
        #expect(
            why.contains("Question: \\e[31mcramps"), ":why shows the typed escape escaped: \(why)")
    }

    @Test func c1ControlCharactersAreEscapedInJSON() throws {
        // U+009B is CSI on terminals that take 8-bit controls; U+0085 is a line break to some
        // readers.
        let input = Self.bytes("\u{9B}31mC1 CSI and \u{85}NEL in magnesium\n")
        try expectCleanReplies(to: input, lines: 1)
    }

    @Test func typedCommandNamesAreNotEchoedRaw() throws {
        // Unknown commands are named in the reply, and batch mode prints the reply as is.
        let input = Self.bytes(":\u{1B}[31mred\n:help \u{1B}]0;pwned\u{07}\n:\u{202E}lanimret\n")
        let objects = try expectCleanReplies(to: input, lines: 3)
        #expect(
            (objects[0]["answer"] as? String)?.hasPrefix("Unknown command :\\e[31mred.") == true,
            "shown escaped: \(objects[0])")
    }

    @Test func bidirectionalOverridesAreNotPassedThrough() throws {
        let input = Self.bytes(
            "\u{202E}what is glycine?\u{202C}\n\u{2066}how much\u{2069} should I take? \u{200F}\u{200E}\n\u{202D}\u{202A}\u{202B}cramps\n"
        )
        let objects = try expectCleanReplies(to: input, lines: 3)
        #expect(objects[0]["intent"] as? String == "answer", "format characters do not split words")
    }

    @Test func tenThousandLetterWordsGetAReply() throws {
        let giant = String(repeating: "a", count: 10_000)
        let glued = String(repeating: "magnesium", count: 1_112)
        let input =
            "\(giant)\nwhat is \(giant) \(glued)?\n\(giant) \(giant) \(giant) cramps\nhow much should I take?\n"
        let objects = try expectCleanReplies(to: Data(input.utf8), lines: 4)
        #expect(objects[3]["intent"] as? String == "answer", "the session goes on")
    }

    @Test func hugeNumbersGetAnAnswer() throws {
        // Found by the reply fuzzer: amounts that do not fit an Int, or overflow a Double to
        // infinity.
        let input =
            "is 9223372036854775808 mg too much?\nhow much is 1,000,000,000,000,000,000,000 mg\nis \(String(repeating: "9", count: 310)) mg too much\nis 700 mg too much?\n"
        let objects = try expectCleanReplies(to: Data(input.utf8), lines: 4)
        #expect(
            (objects[3]["answer"] as? String)?.contains("700 mg") == true,
            "an ordinary amount is still read: \(objects[3])")
    }

    @Test func emojiAndCombiningMarksKeepTheirMeaning() throws {
        let zalgo = "c" + String(repeating: "\u{0301}\u{0336}", count: 2_000) + "ramps"
        let input =
            "💊😴 magnesium for cramps? 👍🏽👨‍👩‍👧\nwhat is ma\u{0301}gnesium bisglycinate?\nmagnesium dose\u{FE0F}\u{200D}\n\(zalgo)\n🇩🇪🏳️‍🌈\n"
        let objects = try expectCleanReplies(to: Data(input.utf8), lines: 5)
        #expect(
            objects[0]["question"] as? String == "💊😴 magnesium for cramps? 👍🏽👨‍👩‍👧",
            "JSON gives back the question exactly")
        #expect(
            (objects[1]["topics"] as? [String])?.contains("magnesium-bisglycinate") == true,
            "an accent does not hide a topic")
    }

    @Test func everyHostileLineInOneConversationGetsOneJSONObject() throws {
        let lines: [Data] = [
            Self.bytes("what is magnesium bisglycinate?"), Self.bytes(Bytes(0xFF, 0xC3, 0x28)),
            Self.bytes("a", Bytes(0), "b"),
            Self.bytes("\u{1B}[2J"), Self.bytes("\u{202E}dose"),
            Self.bytes(String(repeating: "x", count: 10_000)),
            Self.bytes("🧂🦵 cramp"), Self.bytes("e\u{0301}\u{0301}\u{0301}"), Self.bytes(":why"),
            Self.bytes(":profile"),
            Self.bytes("tab\tvt\u{0B}ff\u{0C}"), Self.bytes("how much of it should I take?"),
        ]
        let input = lines.reduce(into: Data()) { data, line in
            data.append(line)
            data.append(0x0A)
        }
        let objects = try expectCleanReplies(to: input, lines: lines.count)
        #expect(
            objects.last?["intent"] as? String == "answer",
            "the conversation goes on after all that")
    }
}
