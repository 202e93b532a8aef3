import Foundation
import Testing

/// Batch mode stopped by a signal keeps what it answered and exits with 128 + the signal number.
@Suite struct BatchSignalTests {
    /// Starts batch mode reading `input` (a Pipe or FileHandle), its output on a pipe. A watchdog
    /// kills it after `limit` seconds, so a program that never answers fails a test instead of
    /// hanging the suite.
    static func launch(_ arguments: [String] = [], input: Any, limit: Double = 20) throws -> (
        process: Process, output: FileHandle
    ) {
        let process = Process()
        process.executableURL = BuiltBinary.url
        process.arguments = arguments
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + limit) { kill(pid, SIGKILL) }
        return (process, output.fileHandleForReading)
    }

    func stop(with signal: Int32) throws -> (status: Int32, output: String) {
        let input = Pipe()
        let (process, output) = try Self.launch(input: input)
        input.fileHandleForWriting.write(Data("what is glycine?\n".utf8))
        // Wait for the first answer, then stop the program while it waits for the next line.
        var received = Data()
        while !String(decoding: received, as: UTF8.self).contains("Sources:") {
            let chunk = output.availableData
            if chunk.isEmpty { break }
            received.append(chunk)
        }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        received.append(output.readDataToEndOfFile())
        return (process.terminationStatus, String(decoding: received, as: UTF8.self))
    }

    @Test func sigintExits130AfterWhatWasAnswered() throws {
        let result = try stop(with: SIGINT)
        #expect(result.status == 130)
        #expect(result.output.lowercased().contains("amino acid"))
    }

    @Test func sigtermExits143AfterWhatWasAnswered() throws {
        let result = try stop(with: SIGTERM)
        #expect(result.status == 143)
        #expect(result.output.lowercased().contains("amino acid"))
    }
}
