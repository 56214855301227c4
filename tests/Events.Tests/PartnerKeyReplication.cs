using StudentBase.Testing;

namespace Events.Tests;

public class PartnerKeyReplication(EventsFixture fixture) : PartnerKeyReplicationSpecification<Program>(fixture);
