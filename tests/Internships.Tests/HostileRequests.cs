using StudentBase.Testing;

namespace Internships.Tests;

public class HostileRequests(InternshipsFixture fixture) : HostileRequestSpecification<Program>(fixture);
