import ChildProcesses
import Foundation
import Testing

/// The property that keeps the suite from hanging: a child started by a test holds none of the test process's
/// descriptors, so no other child's pipe or socket can stay open in it (ChildProcess.swift says what that did).
struct ChildProcessTests {
    /// A pipe without close-on-exec, as a library or a careless spawner leaves one, named as `/proc/PID/fd` shows
    /// it (`pipe:[inode]`); closed by `close`.
    struct InheritablePipe {
        let read: Int32
        let write: Int32
        let name: String

        init() throws {
            var ends: [Int32] = [0, 0]
            try #require(pipe(&ends) == 0, "pipe: errno \(errno)")
            let name = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(ends[0])")
            (self.read, self.write, self.name) = (ends[0], ends[1], name)
        }

        func close() {
            _ = Glibc.close(self.read)
            _ = Glibc.close(self.write)
        }
    }

    /// What the descriptors of process `pid` point at, one `N -> TARGET` line each (read by `ls`, a child's child).
    static func descriptors(ofProcess pid: String) async throws -> String {
        let listing = try await ChildProcess.run(
            "/bin/sh", ["-c", "ls -l /proc/\(pid)/fd"], environment: ChildProcess.inherited())
        try #require(listing.ending == .exited(0), "\(listing)")
        return listing.stdout
    }

    @Test func aChildRunToItsEndInheritsNoOpenDescriptor() async throws {
        let open = try InheritablePipe()
        defer { open.close() }
        // `$$` is the shell the child runs: its descriptors are what it inherited, plus the three it was given.
        let inherited = try await Self.descriptors(ofProcess: "$$")
        #expect(!inherited.contains(open.name), "\(inherited)")
        #expect(inherited.contains(" 1 -> pipe:["), "\(inherited)")
    }

    @Test func aBackgroundChildInheritsNoOpenDescriptorAndIsSeenToEnd() async throws {
        let open = try InheritablePipe()
        defer { open.close() }
        // Long enough to outlive the test on a loaded machine (a 60 s sleep once ended on its own after 199 s).
        let sleeper = try await BackgroundProcess.start("/bin/sleep", ["3600"], environment: ChildProcess.inherited())
        #expect(sleeper.isRunning)
        let inherited = try await Self.descriptors(ofProcess: "\(sleeper.processIdentifier)")
        #expect(!inherited.contains(open.name), "\(inherited)")
        #expect(try await sleeper.stop() == .signalled(SIGTERM))
        #expect(!sleeper.isRunning)
    }
}
