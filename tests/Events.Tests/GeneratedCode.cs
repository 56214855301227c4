using StudentBase.Testing;

namespace Events.Tests;

public class GeneratedCode(EventsFixture fixture) : GeneratedCodeSpecification<Program>(fixture);
