using StudentBase.Testing;

namespace Events.Tests;

public class HostileRequests(EventsFixture fixture) : HostileRequestSpecification<Program>(fixture);
