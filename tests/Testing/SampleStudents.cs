using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using StudentBase.Contracts;
using StudentBase.PersonalData;

namespace StudentBase.Testing;

/// <summary>Students from the domain's journey, as the Internships service publishes them: names sealed with each student's key.</summary>
public static class SampleStudents
{
    public static readonly Guid XiamenUniversity = Guid.Parse("0196f0c4-0000-7000-8000-00000000a001");

    private static readonly ConcurrentDictionary<Guid, PersonalDataKey> Keys = new();

    public static StudentRegistered Daniel(Guid? studentId = null, string fullName = "Daniel Smith")
    {
        var id = studentId ?? Guid.CreateVersion7();
        return new StudentRegistered(
            id,
            XiamenUniversity,
            Seal(id, fullName),
            "GB",
            "Business Chinese",
            DegreeLevel.Bachelor,
            new DateOnly(2021, 9, 1),
            new DateOnly(2025, 6, 30),
            new DateTimeOffset(2024, 3, 1, 9, 30, 0, TimeSpan.FromHours(8)));
    }

    /// <summary>A value sealed with the student's key, as Internships seals it.</summary>
    public static string Seal(Guid studentId, string value) => KeyOf(studentId).Protect(value);

    /// <summary>The student's key, as Internships shares it.</summary>
    public static PersonalDataKeyShared SharedKey(Guid studentId, bool sealEarlierCopies = false) =>
        new(studentId, KeyOf(studentId).Key, DateTimeOffset.UtcNow, sealEarlierCopies);

    /// <summary>What Internships publishes when a student is registered: the student's key, then the registration.</summary>
    public static async Task RecordStudentAsync(this IHost host, StudentRegistered registered)
    {
        await host.InvokeAndWaitAsync(SharedKey(registered.StudentId));
        await host.InvokeAndWaitAsync(registered);
    }

    private static PersonalDataKey KeyOf(Guid studentId) => Keys.GetOrAdd(studentId, PersonalDataKey.NewFor);
}
