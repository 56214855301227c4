using StudentBase.Testing;

namespace Internships.Tests;

/// <summary>A service of its own for the fuzzing battery: the hostile requests it accepts must not become other tests' data.</summary>
public sealed class HostileRequestsFixture : InternshipsFixture;

public class HostileRequests(HostileRequestsFixture fixture) : HostileRequestSpecification<Program>(fixture), IClassFixture<HostileRequestsFixture>;
