using Internships;
using Internships.BranchStations;
using Internships.Internships;
using Internships.Partners;
using Internships.Permits;
using Internships.Placements;
using Internships.Programme;
using Internships.Students;
using Internships.Universities;
using StudentBase.Contracts;
using StudentBase.EventSourcing;
using StudentBase.History;
using StudentBase.PersonalData;
using StudentBase.Platform;
using StudentBase.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPlatformService("internships", typeof(Program).Assembly);
builder.Services.AddPersonalData();
builder.ListenToInbox(Queues.InternshipsInbox);
builder.AddPartnerApiKeys();
builder.AddUniversities();
builder.AddStudents();
builder.AddBranchStations();
builder.AddPlacements();
builder.AddInternships();
builder.AddPermits();
builder.AddProgrammeFigures();
builder.Services.AddHostedService<DevelopmentData>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapPlatformService();

return await app.RunServiceAsync(args);

public partial class Program;
