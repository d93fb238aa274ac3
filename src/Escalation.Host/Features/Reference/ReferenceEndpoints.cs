using Escalation.Domain.Reference;
using Wolverine.Http;

namespace Escalation.Host.Features.Reference;

/// <summary>The county's reference data, for pickers and for other systems: units, departments, the matter catalogue.</summary>
public static class ReferenceEndpoints
{
    [WolverineGet("/api/reference/units")]
    public static IReadOnlyList<Unit> Units(ReferenceData reference) => reference.Units;

    [WolverineGet("/api/reference/departments")]
    public static IReadOnlyList<Department> Departments(ReferenceData reference) => reference.Departments;

    [WolverineGet("/api/reference/catalogue")]
    public static IReadOnlyList<Matter> Catalogue(ReferenceData reference) => reference.Catalogue;
}
