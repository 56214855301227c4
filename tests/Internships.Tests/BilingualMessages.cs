using StudentBase.Testing;

namespace Internships.Tests;

public class BilingualMessages : BilingualMessagesSpecification<Program>;
