"""The 设置 page's sections: court and documents, meeting rules, backup and security, language."""
