"""Clients, appointments and sessions as CSV files; clients imported from one."""
