@testable import PersistKit
import Testing
