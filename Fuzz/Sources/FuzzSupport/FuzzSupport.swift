import Foundation
import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumTranscripts

/// What every fuzz target shares: turning libFuzzer's bytes into text, the real knowledge
/// graph (loaded once per process), and checks that stop the run with a message.
public enum Fuzz {
    /// The input as text, invalid UTF-8 repaired to U+FFFD exactly as `readLine` does in the
    /// program.
    public static func text(_ data: UnsafePointer<UInt8>?, _ size: Int) -> String {
        String(decoding: bytes(data, size), as: UTF8.self)
    }

    /// The input as a buffer (libFuzzer may pass a null pointer for an empty input).
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> UnsafeBufferPointer<
        UInt8
    > {
        UnsafeBufferPointer(start: size == 0 ? nil : data, count: size)
    }

    /// The checkout's `Knowledge/` folder (or `MAGNESIUM_KNOWLEDGE`), parsed from YAML with the
    /// cache off so a fuzz run never writes into `~/.cache`.
    public static let knowledge: Knowledge = {
        let folder: URL
        if let explicit = ProcessInfo.processInfo.environment["MAGNESIUM_KNOWLEDGE"],
            !explicit.isEmpty
        {
            folder = URL(fileURLWithPath: explicit)
        } else {
            var root = URL(fileURLWithPath: #filePath)
            // Fuzz/Sources/FuzzSupport/FuzzSupport.swift
            for _ in 0..<4 { root.deleteLastPathComponent() }
            folder = root.appendingPathComponent("Knowledge")
        }
        do {
            return try Knowledge.load(from: folder, cache: CompiledKnowledgeCache(directory: nil))
        } catch {
            FileHandle.standardError.write(
                Data("fuzz: cannot load \(folder.path): \(error)\n".utf8))
            exit(2)
        }
    }()

    /// Stops the run as a crash (libFuzzer then saves the input) when `condition` is false.
    public static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        guard !condition else { return }
        FileHandle.standardError.write(Data("fuzz: invariant broken: \(message())\n".utf8))
        abort()
    }

    /// Text the program prints must not carry characters that act on a terminal: C0 and C1
    /// controls other than the line feed, DEL, and bidirectional overrides and isolates.
    public static func firstUnsafeScalar(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first { scalar in
            switch scalar.value {
            case 0x0A: return false
            case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069: return true
            default: return false
            }
        }
    }

    /// Whether to check text shown to a person: no raw control characters, one line per message.
    /// `FUZZ_OUTPUT_CHECKS=off` skips these checks while a known leak waits for its fix, so the
    /// run can go on looking for crashes.
    public static let checksOutput =
        ProcessInfo.processInfo.environment["FUZZ_OUTPUT_CHECKS"] != "off"

    /// Text printed for a person must not carry characters that act on a terminal.
    public static func requireSafe(_ text: String, _ what: @autoclosure () -> String) {
        guard checksOutput, let scalar = firstUnsafeScalar(in: text) else { return }
        require(
            false,
            "\(what()) holds raw U+\(String(scalar.value, radix: 16, uppercase: true)): \(text.debugDescription)"
        )
    }

    /// A message for stderr must be one line without characters that act on a terminal.
    public static func requireOneSafeLine(_ message: String) {
        require(
            !checksOutput || !message.unicodeScalars.contains("\n"),
            "message is not one line: \(message.debugDescription)")
        requireSafe(message, "message")
    }

    /// The input as lines, split as `readLine(strippingNewline: true)` splits standard input: at
    /// each line feed, dropping a carriage return before it. (Splitting the `String` on the
    /// `Character` "\n" would miss "\r\n", which Swift counts as one character.)
    public static func lines(_ text: String) -> [String] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
            scalars in
            var line = String(String.UnicodeScalarView(scalars))
            if line.unicodeScalars.last == "\r" { line.unicodeScalars.removeLast() }
            return line
        }
    }
}
