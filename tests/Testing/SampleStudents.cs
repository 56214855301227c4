using StudentBase.Contracts;

namespace StudentBase.Testing;

/// <summary>Students from the domain's journey, as the Internships service publishes them.</summary>
public static class SampleStudents
{
    public static readonly Guid XiamenUniversity = Guid.Parse("0196f0c4-0000-7000-8000-00000000a001");

    public static StudentRegistered Daniel(Guid? studentId = null) => new(
        studentId ?? Guid.CreateVersion7(),
        XiamenUniversity,
        "Daniel Smith",
        "GB",
        "Business Chinese",
        DegreeLevel.Bachelor,
        new DateOnly(2021, 9, 1),
        new DateOnly(2025, 6, 30),
        new DateTimeOffset(2024, 3, 1, 9, 30, 0, TimeSpan.FromHours(8)));
}
