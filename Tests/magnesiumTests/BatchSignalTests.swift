import Foundation
import Testing

/// Batch mode stopped by a signal keeps what it answered and exits with 128 + the signal number.
@Suite struct BatchSignalTests {
    func stop(with signal: Int32) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = BuiltBinary.url
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // If the program never answers, this kill ends the read below instead of hanging the suite.
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + 20) { kill(pid, SIGKILL) }
        input.fileHandleForWriting.write(Data("what is glycine?\n".utf8))
        // Wait for the first answer, then stop the program while it waits for the next line.
        var received = Data()
        while !String(decoding: received, as: UTF8.self).contains("Sources:") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            received.append(chunk)
        }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        received.append(output.fileHandleForReading.readDataToEndOfFile())
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
