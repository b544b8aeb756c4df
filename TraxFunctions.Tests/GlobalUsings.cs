global using NUnit.Framework;
global using Trax.Testing;
global using Trax.Tests.Helpers;
