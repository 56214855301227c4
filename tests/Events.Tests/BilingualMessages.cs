using StudentBase.Testing;

namespace Events.Tests;

public class BilingualMessages : BilingualMessagesSpecification<Program>;
