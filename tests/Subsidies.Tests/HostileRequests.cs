using StudentBase.Testing;

namespace Subsidies.Tests;

public class HostileRequests(SubsidiesFixture fixture) : HostileRequestSpecification<Program>(fixture);
