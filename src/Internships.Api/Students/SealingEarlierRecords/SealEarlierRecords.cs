using Marten;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using StudentBase.PersonalData;
using Wolverine;
using Wolverine.Http;

namespace Internships.Students.SealingEarlierRecords;

/// <param name="Students">Students whose earlier records held a value in clear.</param>
/// <param name="Values">Values sealed in those records' events.</param>
public record EarlierRecordsSealed(int Students, int Values)
{
    public static EarlierRecordsSealed Example { get; } = new(1240, 1302);
}

public static class SealEarlierRecordsEndpoint
{
    /// <summary>
    /// Once, after upgrading a deployment whose earlier version kept students' names in clear: seals every such name in
    /// the stored events and records with the student's key, and shares each key with the Events and Subsidies services,
    /// which seal their copies in turn. An erased student's clear name is sealed with a key nobody keeps. Running it again
    /// finds nothing left to seal.
    /// </summary>
    [WolverinePost("/api/students/personal-data-sealing", Name = "SealEarlierStudentRecords")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.Operator)]
    [EndpointSummary("Seal the personal data earlier versions stored in clear, here and in the other services")]
    public static async Task<(EarlierRecordsSealed, OutgoingMessages)> Post(
        IDocumentSession session, ClearPersonalData clearData, TimeProvider clock, CancellationToken cancellation)
    {
        var shared = new OutgoingMessages();
        var values = 0;
        var students = await clearData.StreamsHoldingClearValuesAsync(session, cancellation);
        foreach (var studentId in students)
        {
            var key = await session.KeyForAsync(studentId, cancellation);
            var sealedValues = await clearData.SealAsync(session, studentId, key, cancellation);
            values += sealedValues.Count;
            if (await session.LoadAsync<Student>(studentId, cancellation) is { } student)
            {
                if (string.IsNullOrEmpty(student.EncryptedFullName) && sealedValues.Count > 0)
                {
                    student.EncryptedFullName = sealedValues[^1].Sealed;
                }

                session.Store(student);
            }

            if (!key.IsErased)
            {
                shared.Add(new PersonalDataKeyShared(studentId, key.Key, clock.GetUtcNow()));
            }
        }

        return (new EarlierRecordsSealed(students.Count, values), shared);
    }
}
