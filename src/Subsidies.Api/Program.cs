using StudentBase.Contracts;
using StudentBase.EventSourcing;
using StudentBase.History;
using StudentBase.Partners;
using StudentBase.PersonalData;
using StudentBase.Platform;
using StudentBase.ServiceDefaults;
using Subsidies.Applications;
using Subsidies.Policies;
using Subsidies.Students;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPlatformService("subsidies", typeof(Program).Assembly);
builder.Services.AddPersonalData();
builder.ListenToInbox(Queues.SubsidiesInbox);
builder.ReplicatePartnerApiKeys();
builder.AddStudents();
builder.AddPolicies();
builder.AddApplications();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapPlatformService();

return await app.RunServiceAsync(args);

public partial class Program;
