using System.Globalization;
using Internships.Internships;
using Internships.Students;
using Marten.Events.Projections;

namespace Internships.Programme;

/// <summary>
/// What happened in the programme in one calendar month (the city's), counted from the events as they happened: the
/// figures the base reports over time (students nominated, intentions, agreements signed, internships started and ended).
/// </summary>
public class ProgrammeMonth
{
    /// <summary>The month, <c>yyyy-MM</c>.</summary>
    public string Id { get; set; } = "";
    public int StudentsNominated { get; set; }
    public int IntentionsRecorded { get; set; }
    public int ConsentsGiven { get; set; }
    public int ConsentsRefused { get; set; }
    public int IntentionsWithdrawn { get; set; }
    public int IntentionsLapsed { get; set; }
    public int AgreementsSigned { get; set; }
    public int InternshipsStarted { get; set; }
    public int InternshipsCompleted { get; set; }
    public int InternshipsTerminated { get; set; }

    public const string Format = "yyyy-MM";

    public static string Of(DateTimeOffset instant) => StudentBase.Contracts.CityTime.DateOf(instant).ToString(Format, CultureInfo.InvariantCulture);
}

/// <summary>
/// Kept by the async daemon, on one node at a time: it reads every internship and student event, and no partner needs
/// it the moment a command is answered, so commands do not pay for it.
/// </summary>
public partial class ProgrammeMonthProjection : MultiStreamProjection<ProgrammeMonth, string>
{
    public ProgrammeMonthProjection()
    {
        Identity<StudentNominated>(nominated => ProgrammeMonth.Of(nominated.NominatedAt));
        Identity<InternshipIntended>(intended => ProgrammeMonth.Of(intended.IntendedAt));
        Identity<UniversityConsented>(consented => ProgrammeMonth.Of(consented.ConsentedAt));
        Identity<UniversityRefusedConsent>(refused => ProgrammeMonth.Of(refused.RefusedAt));
        Identity<IntentionWithdrawn>(withdrawn => ProgrammeMonth.Of(withdrawn.WithdrawnAt));
        Identity<IntentionLapsed>(lapsed => ProgrammeMonth.Of(lapsed.LapsedAt));
        Identity<AgreementSigned>(signed => ProgrammeMonth.Of(signed.SignedAt));
        Identity<InternshipStarted>(started => ProgrammeMonth.Of(started.StartedAt));
        Identity<InternshipCompleted>(completed => ProgrammeMonth.Of(completed.CompletedAt));
        Identity<InternshipTerminated>(terminated => ProgrammeMonth.Of(terminated.TerminatedAt));
    }

    public void Apply(ProgrammeMonth month, StudentNominated _) => month.StudentsNominated++;
    public void Apply(ProgrammeMonth month, InternshipIntended _) => month.IntentionsRecorded++;
    public void Apply(ProgrammeMonth month, UniversityConsented _) => month.ConsentsGiven++;
    public void Apply(ProgrammeMonth month, UniversityRefusedConsent _) => month.ConsentsRefused++;
    public void Apply(ProgrammeMonth month, IntentionWithdrawn _) => month.IntentionsWithdrawn++;
    public void Apply(ProgrammeMonth month, IntentionLapsed _) => month.IntentionsLapsed++;
    public void Apply(ProgrammeMonth month, AgreementSigned _) => month.AgreementsSigned++;
    public void Apply(ProgrammeMonth month, InternshipStarted _) => month.InternshipsStarted++;
    public void Apply(ProgrammeMonth month, InternshipCompleted _) => month.InternshipsCompleted++;
    public void Apply(ProgrammeMonth month, InternshipTerminated _) => month.InternshipsTerminated++;
}
