using Marten;
using StudentBase.Contracts;

namespace Events.HostCompanies.RecordingStanding;

/// <summary>
/// Consumes <see cref="BranchStationStandingChanged"/> from Internships. Messages may arrive out of order or twice:
/// one no newer than what is recorded changes nothing.
/// </summary>
public static class RecordHostCompanyStandingHandler
{
    public static async Task Handle(BranchStationStandingChanged message, IDocumentSession session, CancellationToken cancellation)
    {
        var company = await session.Events.FetchForWriting<HostCompany>(message.BranchStationId, cancellation);
        if (company.Aggregate is { } known && known.ChangedAt >= message.ChangedAt)
        {
            return;
        }

        company.AppendOne(new HostCompanyStandingRecorded(message.BranchStationId, message.Name, message.Standing, message.ChangedAt));
    }
}
