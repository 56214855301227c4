using StudentBase.Testing;

namespace Events.Tests;

public class MalformedRequests(EventsFixture fixture) : MalformedRequestSpecification<Program>(fixture);
