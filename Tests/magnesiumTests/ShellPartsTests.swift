@preconcurrency import CLibEdit
import Foundation
import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumText
import MagnesiumTranscripts
import Testing

@testable import magnesium

/// The shell's parts that need no terminal: layout, completion, where `:save` writes, and
/// the history file. The real-terminal test (`ShellTerminalTests`) drives them all together.
@Suite struct ShellLayoutTests {
    static let answer =
        "Magnesium bisglycinate is a supplement form of magnesium in which each magnesium ion is bound to two units of the amino acid glycine. [1, 2] See https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/ for more. [3]"

    @Test(arguments: [20, 37, 60, 100])
    func wrappingKeepsEveryWordAndStaysWithinTheWidth(width: Int) {
        let wrapped = TextLayout.wrap(Self.answer, width: width)
        let lines = wrapped.split(separator: "\n").map(String.init)
        #expect(
            lines.joined(separator: " ").split(separator: " ") == Self.answer.split(separator: " "))
        for line in lines where !line.contains("https://") {
            #expect(TextLayout.columns(line) <= width, "\(line)")
        }
        // The address is never broken, and a citation stays with the word before it.
        #expect(
            lines.contains {
                $0.contains("https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/")
            })
        #expect(!lines.contains { $0.hasPrefix("[") || $0.hasPrefix("2]") })
    }

    @Test func listItemsAndNotesHangUnderTheirText() {
        let text =
            "- Proton pump inhibitors: no spacing rule; the concern is low magnesium after months.\n[12] Institute of Medicine, Food and Nutrition Board: Dietary Reference Intakes"
        let lines = TextLayout.wrap(text, width: 30).split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("- Proton"))
        #expect(lines[1].hasPrefix("  ") && !lines[1].hasPrefix("   "))
        let note = lines.firstIndex { $0.hasPrefix("[12]") }!
        #expect(lines[note + 1].hasPrefix("     ") && !lines[note + 1].hasPrefix("      "))
    }

    @Test func noWidthMeansNoWrapping() {
        #expect(TextLayout.wrap(Self.answer, width: 0) == Self.answer)
    }

    /// The shell shows text through the one escaper every command uses (``SafeText``).
    @Test func controlCharactersAreShownEscaped() {
        #expect(SafeText.escaped("a\u{1B}[31mred\u{07}\tb") == "a\\e[31mred\\x07\\tb")
        #expect(
            SafeText.escaped("safe\u{202E}txt.exe", keepingNewlines: true) == "safe\\u{202E}txt.exe"
        )
        #expect(SafeText.escaped("one\ntwo", keepingNewlines: true) == "one\ntwo")
        #expect(SafeText.escaped("one\ntwo") == "one\\ntwo")
        #expect(SafeText.escaped("héllo 日本 👩‍👩‍👧") == "héllo 日本 👩‍👩‍👧")
        #expect(SafeText.escaped("\u{9B}2J") == "\\x9B2J")
    }

    @Test func wideAndCombiningCharactersAreMeasured() {
        #expect(TextLayout.columns("abc") == 3)
        #expect(TextLayout.columns("日本語") == 6)
        #expect(TextLayout.columns("😀") == 2)
        #expect(TextLayout.columns("e\u{301}") == 1)
    }

    @Test func truncationEndsInAnEllipsis() {
        #expect(
            TextLayout.truncated("Journal of Parenteral and Enteral Nutrition", width: 20)
                == "Journal of…")
        #expect(
            TextLayout.truncated("Supercalifragilistic expialidocious", width: 12) == "Supercalifr…"
        )
        #expect(TextLayout.truncated("short", width: 20) == "short")
    }

    @Test func stylingIsOffUnlessEnabled() {
        let plain = TerminalStyle(enabled: false)
        #expect(plain.citations(in: "x [1, 2] y") == "x [1, 2] y")
        #expect(plain.prompt("p> ") == "p> ")
        let coloured = TerminalStyle(enabled: true)
        #expect(
            coloured.citations(in: "x [1, 2] y [note]") == "x \u{1B}[36m[1, 2]\u{1B}[0m y [note]")
        #expect(coloured.citations(in: "open [1") == "open [1")
        // The reset comes before the last character, which libedit draws with it.
        #expect(coloured.prompt("p> ") == "\u{1}\u{1B}[1m\u{2}p>\u{1}\u{1B}[0m\u{2} ")
    }
}

@Suite struct ShellCompletionTests {
    let completer = Completer(
        commands: Session.commands.map(\.name),
        topics: [
            "night leg cramps", "leg cramps in pregnancy", "magnesium L-threonate",
            "magnesium lactate", "magnesium", "the article's four mechanisms",
        ])

    /// Completes `typed` the way libedit asks: the word being completed starts after the last
    /// space.
    func complete(_ typed: String) -> Completer.Result {
        let wordStart =
            typed.unicodeScalars.count
            - (typed.split(separator: " ", omittingEmptySubsequences: false).last?.unicodeScalars
                .count ?? 0)
        return completer.complete(typed, wordStart: wordStart)
    }

    @Test func commandsCompleteAtTheStartOfALine() {
        #expect(complete(":to") == .replacements([":topics"], appendSpace: true))
        #expect(complete("  :qu") == .replacements([":quit"], appendSpace: true))
        #expect(
            complete(":s") == .replacements([":sources", ":short", ":save"], appendSpace: true))
        #expect(complete("") == .replacements(Session.commands.map(\.name), appendSpace: true))
    }

    @Test func helpCompletesCommandNamesAndSaveCompletesFiles() {
        #expect(complete(":help sa") == .replacements(["save"], appendSpace: false))
        #expect(complete(":help :hi") == .replacements([":history"], appendSpace: false))
        #expect(complete(":save Tran") == .fileNames)
        #expect(complete(":topics x") == .nothing)
    }

    @Test func multiWordTopicNamesCompleteFromAPartialName() {
        // libedit keeps "does it help night " and replaces "le" with what is returned.
        #expect(
            complete("does it help night le") == .replacements(["leg cramps"], appendSpace: false))
        #expect(complete("NIGHT LE") == .replacements(["leg cramps"], appendSpace: false))
        #expect(
            complete("what about leg cramps in p")
                == .replacements(["pregnancy"], appendSpace: false))
        #expect(
            complete("what about the article's fo")
                == .replacements(["four mechanisms"], appendSpace: false))
        #expect(
            complete("is magnesium l")
                == .replacements(["L-threonate", "lactate"], appendSpace: false))
        #expect(complete("what is xyz") == .nothing)
    }

    @Test func textBeforeTheCursorCountsInCharactersNotBytes() {
        // libedit counts wide characters: "é" is one, though two bytes in UTF-8.
        #expect(
            completer.complete("é night le", wordStart: 8)
                == .replacements(["leg cramps"], appendSpace: false))
    }

    @Test func severalMatchesShareTheirCommonStartWithoutLosingWhatWasTyped() {
        #expect(
            Completer.commonText(of: ["leg cramps", "leg cramps in pregnancy"], typedWord: "Le")
                == "leg cramps")
        #expect(Completer.commonText(of: ["L-threonate", "lactate"], typedWord: "l") == "l")
    }

    /// Aliases and medicine names complete too, the likelier first.
    @Test func aliasesAndMedicinesCompleteLikelierFirst() throws {
        let knowledge = try Knowledge.load(
            from: BuiltBinary.root.appendingPathComponent("Knowledge"))
        let completer = Completer(commands: Session.commands.map(\.name), graph: knowledge.graph)
        let vocabulary = completer.topics
        func replacements(_ typed: String) -> [String] {
            let wordStart =
                typed.unicodeScalars.count
                - (typed.split(separator: " ", omittingEmptySubsequences: false).last?
                    .unicodeScalars.count ?? 0)
            guard case .replacements(let found, _) = completer.complete(typed, wordStart: wordStart)
            else { return [] }
            return found
        }
        #expect(replacements("is citr").first == "citrate")
        #expect(replacements("can I take it with omep") == ["omeprazole"])
        let glycine = replacements("is magnesium gly")
        let glycinate = try #require(glycine.firstIndex(of: "glycinate"))
        let glycerophosphate = try #require(glycine.firstIndex(of: "glycerophosphate"))
        #expect(glycinate < glycerophosphate, "\(glycine)")
        // One spelling per topic: the likeliest that fits.
        #expect(replacements("does it help night le") == ["leg cramps"])
        // Each spelling once, whatever its case.
        #expect(Set(vocabulary.map { $0.lowercased() }).count == vocabulary.count)
    }

    @Test func everyMultiWordTopicCompletesFromItsFirstWordAndTwoLetters() throws {
        let knowledge = try Knowledge.load(
            from: BuiltBinary.root.appendingPathComponent("Knowledge"))
        let names = knowledge.graph.topics.map(\.name)
        let completer = Completer(commands: Session.commands.map(\.name), topics: names)
        let multiWord = names.filter { $0.contains(" ") }
        #expect(multiWord.count > 10)
        for name in multiWord {
            let words = name.split(separator: " ")
            let typed = "tell me about \(words[0]) \(words[1].prefix(2))"
            let wordStart = typed.unicodeScalars.count - words[1].prefix(2).unicodeScalars.count
            guard
                case .replacements(let replacements, _) = completer.complete(
                    typed, wordStart: wordStart)
            else {
                Issue.record("no completion for \(typed)")
                continue
            }
            let completed = replacements.map { "tell me about \(words[0]) " + $0 }
            #expect(completed.contains("tell me about \(name)"), "\(typed) offered \(replacements)")
        }
    }
}

@Suite struct ShellSaveTests {
    func temporaryFolder(withTranscripts: Bool) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mg-save-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent(withTranscripts ? "Transcripts" : "."),
            withIntermediateDirectories: true)
        return folder.path
    }

    @Test func plainNamesGoToTranscriptsWhenThatFolderExists() throws {
        let with = TranscriptSaver(currentFolder: try temporaryFolder(withTranscripts: true))
        let without = TranscriptSaver(currentFolder: try temporaryFolder(withTranscripts: false))
        #expect(try with.destination(for: "cramps") == "Transcripts/cramps.txt")
        #expect(try with.destination(for: "cramps.txt") == "Transcripts/cramps.txt")
        #expect(try without.destination(for: "cramps") == "cramps.txt")
    }

    @Test func pathsOutsideTheFolderNeedADotSlash() throws {
        let saver = TranscriptSaver(currentFolder: try temporaryFolder(withTranscripts: false))
        #expect(try saver.destination(for: "notes/cramps.txt") == "notes/cramps.txt")
        #expect(try saver.destination(for: "./../cramps.txt") == "./../cramps.txt")
        #expect(try saver.destination(for: "./cramps") == "./cramps")
        #expect(throws: TranscriptSaver.Failure.outsideCurrentFolder("../cramps.txt")) {
            try saver.destination(for: "../cramps.txt")
        }
        #expect(throws: TranscriptSaver.Failure.outsideCurrentFolder("/tmp/cramps.txt")) {
            try saver.destination(for: "/tmp/cramps.txt")
        }
        #expect(throws: TranscriptSaver.Failure.outsideCurrentFolder("notes/../../x")) {
            try saver.destination(for: "notes/../../x")
        }
        #expect(throws: TranscriptSaver.Failure.usage) { try saver.destination(for: "--force") }
        #expect(throws: TranscriptSaver.Failure.usage) { try saver.destination(for: "..") }
    }

    @Test func savedSessionReplaysAndIsNotOverwrittenWithoutForce() throws {
        let folder = try temporaryFolder(withTranscripts: true)
        let knowledge = try Knowledge.load(
            from: BuiltBinary.root.appendingPathComponent("Knowledge"))
        var session = Session(knowledge: knowledge)
        let saver = TranscriptSaver(currentFolder: folder)
        #expect(throws: TranscriptSaver.Failure.nothingToSave) {
            try saver.save(session, arguments: ["empty"])
        }
        for line in [
            "what is magnesium bisglycinate?", "how much of it should I take?", ":why", ":sources",
            "#hashtag? > quoted", ":nonsense",
        ] {
            _ = session.respond(to: line)
        }
        let message = try saver.save(session, arguments: ["evening"])
        #expect(message.contains("Transcripts/evening.txt"))
        let path = folder + "/Transcripts/evening.txt"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let transcript = try Transcript.parse(text, file: path)
        #expect(transcript.turns.count == 6)
        #expect(TranscriptReplayer(knowledge: knowledge).replay(transcript, file: path).passed)

        #expect(throws: TranscriptSaver.Failure.exists("Transcripts/evening.txt")) {
            try saver.save(session, arguments: ["evening"])
        }
        _ = session.respond(to: "what is glycine?")
        _ = try saver.save(session, arguments: ["evening", "--force"])
        #expect(
            try Transcript.parse(String(contentsOfFile: path, encoding: .utf8), file: path).turns
                .count == 7)
        #expect(throws: TranscriptSaver.Failure.noSuchFolder("missing")) {
            try saver.save(session, arguments: ["missing/x.txt"])
        }
        #expect(throws: TranscriptSaver.Failure.usage) {
            try saver.save(session, arguments: ["two", "names"])
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder + "/Transcripts")
            .filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }
}

/// libedit keeps one history per process, so these run one at a time.
@Suite(.serialized) struct ShellHistoryFileTests {
    @Test func pathFollowsXDGAndIgnoresRelativeValues() {
        #expect(
            HistoryFile.defaultPath(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"])
                == "/s/magnesium/history")
        // HOME must be a folder that exists (`/tmp` here); nothing is created under one that does
        // not.
        #expect(
            HistoryFile.defaultPath(environment: ["XDG_STATE_HOME": "state", "HOME": "/tmp"])
                == "/tmp/.local/state/magnesium/history")
        #expect(
            HistoryFile.defaultPath(environment: ["XDG_STATE_HOME": "", "HOME": "/tmp/"])
                == "/tmp/.local/state/magnesium/history")
        #expect(
            HistoryFile.defaultPath(environment: ["HOME": "/nonexistent-\(UUID().uuidString)"])
                == nil)
        #expect(HistoryFile.defaultPath(environment: [:]) == nil)
    }

    func folder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent(
            "mg-history-\(UUID().uuidString)"
        ).path
    }

    func fileLines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test func savesPrivatelyWithItsHeaderAndAtMostAThousandLines() throws {
        let path = folder() + "/state/magnesium/history"
        var warnings: [String] = []
        using_history()
        clear_history()
        stifle_history(Int32(HistoryFile.capacity))
        let history = HistoryFile(path: path) { warnings.append($0) }
        history.load()
        for number in 1...1_005 { add_history("question \(number)") }
        history.save(linesThisSession: 1_005)
        let lines = try fileLines(path)
        #expect(lines.first == "_HiStOrY_V2_")
        #expect(lines.count == 1 + HistoryFile.capacity)
        #expect(lines.last == "question\\0401005")
        #expect(lines[1] == "question\\0406")
        let folderMode =
            try FileManager.default.attributesOfItem(
                atPath: (path as NSString).deletingLastPathComponent)[.posixPermissions] as? Int
        let fileMode =
            try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(folderMode == 0o700)
        #expect(fileMode == 0o600)
        #expect(warnings.isEmpty)

        clear_history()
        HistoryFile(path: path) { warnings.append($0) }.load()
        #expect(history_get(history_base)?.pointee.line.map { String(cString: $0) } == "question 6")
        #expect(warnings.isEmpty)
        clear_history()
    }

    /// What a history file warned about.
    final class Warnings { var messages: [String] = [] }

    /// A new session's history: libedit's emptied, then `path` loaded into it.
    func startSession(historyAt path: String) -> (HistoryFile, Warnings) {
        using_history()
        clear_history()
        let warnings = Warnings()
        let history = HistoryFile(path: path) { warnings.messages.append($0) }
        history.load()
        return (history, warnings)
    }

    @Test func linesAnotherSessionSavedMeanwhileAreKept() throws {
        let path = folder() + "/history"
        let (history, warnings) = startSession(historyAt: path)
        add_history("mine first")
        // Another session saves after this one started and before it saves.
        try "_HiStOrY_V2_\ntheirs\n".write(toFile: path, atomically: true, encoding: .utf8)
        history.save(linesThisSession: 1)
        #expect(try fileLines(path) == ["_HiStOrY_V2_", "theirs", "mine\\040first"])
        try "_HiStOrY_V2_\ntheirs\nmine\\040first\ntheirs\\040again\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        add_history("mine second")
        history.save(linesThisSession: 2)
        #expect(
            try fileLines(path) == [
                "_HiStOrY_V2_", "theirs", "mine\\040first", "theirs\\040again", "mine\\040second",
            ], "each line once, in the order saved")
        #expect(
            try FileManager.default.attributesOfItem(atPath: path + ".lock")[.posixPermissions]
                as? Int == 0o600)
        #expect(warnings.messages.isEmpty)
        clear_history()
    }

    @Test func aFileSpoiledWhileTheSessionRunsIsMovedAside() throws {
        let path = folder() + "/history"
        let (history, warnings) = startSession(historyAt: path)
        try "written by something else\n".write(toFile: path, atomically: true, encoding: .utf8)
        add_history("what is glycine?")
        history.save(linesThisSession: 1)
        #expect(try fileLines(path) == ["_HiStOrY_V2_", "what\\040is\\040glycine?"])
        #expect(
            try String(contentsOfFile: path + ".corrupt", encoding: .utf8)
                == "written by something else\n")
        #expect(warnings.messages.count == 1)
        clear_history()
    }

    @Test func aCorruptFileIsMovedAsideWithOneWarning() throws {
        let base = folder()
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        let path = base + "/history"
        try "not a libedit history\nsecond line\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        var warnings: [String] = []
        using_history()
        clear_history()
        let history = HistoryFile(path: path) { warnings.append($0) }
        history.load()
        #expect(warnings.count == 1)
        #expect(
            warnings.first?.hasPrefix("magnesium: warning: \(path) is not a history file") == true)
        #expect(
            try String(contentsOfFile: path + ".corrupt", encoding: .utf8).hasPrefix(
                "not a libedit history"))
        add_history("what is glycine?")
        history.save(linesThisSession: 1)
        #expect(try fileLines(path) == ["_HiStOrY_V2_", "what\\040is\\040glycine?"])
        #expect(warnings.count == 1)
        clear_history()
    }

    @Test func anEmptyFileIsFine() throws {
        let base = folder()
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: base + "/history", contents: Data()))
        var warnings: [String] = []
        HistoryFile(path: base + "/history") { warnings.append($0) }.load()
        #expect(warnings.isEmpty)
    }

    @Test func anUnwritablePlaceWarnsOnceAndTheSessionGoesOn() throws {
        let base = folder()
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        // A file where the folder should be: no permission trick, so it fails even as root.
        try "in the way".write(toFile: base + "/magnesium", atomically: true, encoding: .utf8)
        var warnings: [String] = []
        using_history()
        clear_history()
        let history = HistoryFile(path: base + "/magnesium/history") { warnings.append($0) }
        history.load()
        add_history("one")
        history.save(linesThisSession: 1)
        add_history("two")
        history.save(linesThisSession: 2)
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("history will not be kept") == true)

        // A folder where the file should be: it cannot be read or replaced.
        try FileManager.default.createDirectory(
            atPath: base + "/other/history", withIntermediateDirectories: true)
        var more: [String] = []
        let other = HistoryFile(path: base + "/other/history") { more.append($0) }
        other.load()
        other.save(linesThisSession: 0)
        #expect(more.count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: base + "/other") == ["history"])
        clear_history()
    }
}

/// What the short view may hold back: never a caution or what the person's situation changes.
@Suite struct AnswerCutTests {
    static let text = """
        Noted: you take lithium.
        Take 2 widgets a day. [1] Widgets were tested once in a small trial of twelve people who took them for a month. [2] A widget is a small part used in many machines of many kinds. [3]
        People on lithium should ask their prescriber first. [4]
        Please check with your doctor before starting.
        """

    @Test func aCautionAndAReferralAreShownHoweverShortTheView() {
        let cut = AnswerCut.cut(
            Self.text, width: 40, lines: 3,
            alwaysShown: ["People on lithium should ask their prescriber first. [4]"])
        #expect(cut.preface == ["Noted: you take lithium."])
        #expect(cut.lead == "Take 2 widgets a day. [1]")
        #expect(
            cut.body == [
                "People on lithium should ask their prescriber first. [4]",
                "Please check with your doctor before starting.",
            ])
        #expect(cut.rest.joined().contains("Widgets were tested once"))
        #expect(!cut.rest.joined().contains("lithium"))
    }

    @Test func withoutThemTheBodyFillsTheRoomInOrder() {
        let cut = AnswerCut.cut(Self.text, width: 200, lines: 4)
        #expect(cut.body.first?.hasPrefix("Widgets were tested once") == true)
        #expect(!cut.holdsBack)
        #expect(AnswerCut.cut(Self.text, width: 200, lines: nil).rest.isEmpty)
    }
}
