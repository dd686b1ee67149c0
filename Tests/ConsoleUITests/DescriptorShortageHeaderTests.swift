import Foundation
import IncidentKit
import Testing

@testable import ConsoleUI

/// If the process runs out of descriptors anyway, the header says so, not a warning at the
/// bottom of a pane that may be out of sight.
@Suite struct DescriptorShortageHeaderTests {
    @Test(arguments: [80, 160])
    func theHeaderSaysHowManyFilesAreUnread(width: Int) throws {
        let f = ViewFixtures.tradingOps
        var state = try ViewFixtures.state(f.fixture, policy: f.policy, now: f.now, width: width, height: 24)
        #expect(!Screen.render(state).lines[0].contains("OUT OF FILE DESCRIPTORS"))
        state.picture.filesWithoutDescriptor = 12
        let header = Screen.render(state).lines[0]
        #expect(header.contains("OUT OF FILE DESCRIPTORS"), "\(header)")
    }
}
